import Foundation

/// What change notifications are made of (C3), read straight from a channel's boxes without
/// copying its nested objects. Its hash is kept as `Channel.factsKey`, so the detector compares
/// two integers per channel and looks closely only at channels whose key differs.
public struct ChannelFacts: Hashable, Sendable {
    public var terminated: Bool
    public var appId: String?
    public var hubStatus: HubStatus?
    public var accountMode: AccountMode?
    public var version: Int?
    public var status: ChannelStatus?
    public var integration: Integration?
    public var setupError: String?
    public var wabaStatus: WabaStatus?
    public var fbAccountStatus: FBAccountStatus?
    public var oboStatus: OBOStatus?
    /// The display name's review (`setup_info.new_name_status`): a declined name is notified.
    public var newNameStatus: String?
}

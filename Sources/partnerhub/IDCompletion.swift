import ArgumentParser
import Foundation
import HubLive
import HubSandbox

/// Shell completion of IDs (`partnerhub refund <TAB>`): from the local cache of the last live
/// snapshot (`partnerhub.sqlite`, read only, no decoding of the channels' JSON beyond one
/// field), else from the default sandbox, so a fresh machine completes the IDs it can use.
/// Never fails loudly: a completion that cannot read the cache offers nothing.
enum IDCompletion {
    typealias Kind = HubDatabase.CachedIDKind

    static func completion(_ kind: Kind) -> CompletionKind {
        .custom { _, _, prefix in ids(kind, prefix: prefix) }
    }

    static func ids(_ kind: Kind, prefix: String, paths: AppPaths = .resolve()) -> [String] {
        let cached = (try? HubDatabase.cachedIDs(kind, path: paths.dataDir + "/partnerhub.sqlite")) ?? []
        let all = cached.isEmpty ? fromSandbox(kind) : cached
        return all.filter { $0.hasPrefix(prefix) }.sorted()
    }

    static func fromSandbox(_ kind: Kind) -> [String] {
        let world = SandboxGenerator.generate(.init())
        switch kind {
        case .channel: return Array(world.channels.values.map(\.channel.id))
        case .client: return Array(world.clients.keys)
        case .waba: return Array(Set(world.channels.values.compactMap { $0.channel.wabaAccount?.id ?? $0.channel.wabaAccountId }))
        }
    }
}

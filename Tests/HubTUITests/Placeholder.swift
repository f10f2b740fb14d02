import Testing
@testable import HubTUI

import Testing
@testable import HubLive

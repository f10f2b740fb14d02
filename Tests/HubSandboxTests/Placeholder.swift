import Testing
@testable import HubSandbox

import Testing
@testable import HubAPI

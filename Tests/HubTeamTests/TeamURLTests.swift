import Foundation
import Testing
@testable import HubTeam

@Suite struct TeamURLTests {
    @Test func parsesAndHidesThePassword() throws {
        let u = try TeamDatabaseURL("postgres://agent:p%40ss@db.example:6543/hub")
        #expect(u.host == "db.example" && u.port == 6543 && u.username == "agent" && u.password == "p@ss" && u.database == "hub")
        #expect(u.description == "postgres://agent@db.example:6543/hub")
        #expect(try TeamDatabaseURL("postgresql://a@h/d").port == 5432)
    }

    @Test func refusesWhatItCannotUse() {
        for bad in ["mysql://a@h/d", "postgres:///d", "postgres://a@h:99999/d", "postgres://a@h/d?sslmode=require", "not a url"] {
            #expect(throws: TeamDatabaseURL.Invalid.self, "\(bad)") { try TeamDatabaseURL(bad) }
        }
    }
}

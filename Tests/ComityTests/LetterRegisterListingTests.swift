import Foundation
import Testing
@_spi(Worlds) @testable import Comity
@testable import ComityCore
@testable import ComityRender
@_spi(Worlds) @testable import ComityWorlds

/// The register of every issued letter, as the shared desk lists it: newest first, what the
/// reader may see, and a count of the rest.
@Suite("The register of every letter")
struct LetterRegisterListingTests {
    @Test("it lists the newest letters a reader may see and counts those above the clearance")
    func clearanceAndLimit() throws {
        let world = try LetterWorld.constructed()
        for reference in ["R-1", "R-2", "R-3"] { try world.send(reference, sent: "2011-09-01") }
        _ = try world.issue(.noteVerbale, of: "R-1", on: "2011-11-01")
        _ = try world.issue(.noteVerbale, of: "R-2", on: "2011-11-02")
        _ = try world.issue(.reminder, of: "R-3", on: "2011-11-03")
        // A secret reply withholds R-2, and its letter with it, from anyone below secret.
        try world.store.addReply(
            Reply(requestReference: "R-2", date: LetterFixtures.date("2011-11-10"), fromAuthority: "CN-MPS", kind: .interimStatus,
                  summary: "Word from the ministry", classification: .secret),
            by: world.clerk("2011-11-10"))
        func desk(_ clearance: Classification) -> Desk {
            Desk(store: world.store, clerk: world.clerk("2011-12-01"), clearance: clearance, clearanceIsDefault: false)
        }
        let everything = try desk(.secret).letterRegister()
        #expect(everything.entries.map(\.requestReference) == ["R-3", "R-2", "R-1"])
        #expect(everything.total == 3 && everything.withheld == 0)
        let confidential = try desk(.confidential).letterRegister()
        #expect(confidential.entries.map(\.requestReference) == ["R-3", "R-1"])
        #expect(confidential.total == 2 && confidential.withheld == 1)
        #expect(confidential.entries.allSatisfy { $0.sha256.count == 64 })
        let newest = try desk(.confidential).letterRegister(limit: 1)
        #expect(newest.entries.map(\.requestReference) == ["R-3"] && newest.total == 2 && newest.withheld == 1)
    }
}

import Foundation
import Testing
@_spi(Worlds) @testable import Comity
@testable import ComityCore
@testable import ComityRender
@_spi(Worlds) @testable import ComityWorlds

/// The desk's clearance comes from the database, fails closed, and bounds every read and write.
@Suite("desk")
struct DeskTests {
    static func withStore<T>(_ body: (String) throws -> T) throws -> T {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("comity-desk-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false)
        defer { try? FileManager.default.removeItem(at: folder) }
        return try body(folder.appendingPathComponent("comity.sqlite").path)
    }

    static let clerk = Clerk(name: "Sato", today: try! CalendarDate(iso: "2024-01-10"))

    @Test("the clearance is the default, may be lowered, never raised", arguments: [
        (Classification?.none, Classification?.none, Classification?.some(.secret)),
        (nil, .restricted, .restricted),
        (.confidential, nil, .confidential),
        (.confidential, .restricted, .restricted),
        (.confidential, .confidential, .confidential),
        (.confidential, .secret, nil),
        (.unclassified, .restricted, nil),
    ])
    func resolution(stored: Classification?, requested: Classification?, expected: Classification?) throws {
        if let expected {
            #expect(try Desk.clearance(requested: requested, default: stored) == expected)
        } else {
            #expect(throws: ComityError.self) { try Desk.clearance(requested: requested, default: stored) }
        }
    }

    @Test("a desk opened on a store reads its default, and refuses to open on a damaged one unless repairing it")
    func opening() throws {
        try Self.withStore { path in
            let created = try Desk.create(.sqlite(path: path), clerk: Self.clerk)
            try DemoWorld.load(into: created)
            #expect(try Desk.open(.sqlite(path: path), clerk: Self.clerk).clearance == .secret)
            try created.setSetting(Desk.clearanceKey, to: "restricted", channel: nil)
            let desk = try Desk.open(.sqlite(path: path), clerk: Self.clerk)
            #expect(desk.clearance == .restricted && desk.clearanceIsDefault)
            #expect(throws: ComityError.self) { try Desk.open(.sqlite(path: path), clerk: Self.clerk, clearance: .confidential) }
            try desk.store.write { db in try db.execute(sql: "UPDATE setting SET value = 'Restricted' WHERE key = 'clearance'") }
            #expect(throws: ComityError.self) { try Desk.open(.sqlite(path: path), clerk: Self.clerk) }
            let repair = try Desk.open(.sqlite(path: path), clerk: Self.clerk, repairingClearance: true)
            #expect(repair.clearance == .unclassified)
            #expect(try !repair.check().isSound)
            try repair.setSetting(Desk.clearanceKey, to: "restricted", channel: nil)
            #expect(try Desk.open(.sqlite(path: path), clerk: Self.clerk).clearance == .restricted)
        }
    }

    @Test("reads and writes of a request whose reply is above the clearance are refused whatever the date")
    func readsAndWrites() throws {
        try Self.withStore { path in
            let desk = try Desk.create(.sqlite(path: path), clerk: Self.clerk)
            try DemoWorld.load(into: desk)
            let reference = DemoWorld.mhiRequest
            try desk.addReply(Reply(requestReference: reference, date: try CalendarDate(iso: "2012-02-01"), kind: .nonCommittal,
                                    summary: "Planted secret", classification: .secret), keepState: true)
            let early = Clerk(name: "Sato", today: try CalendarDate(iso: "2011-10-20"))
            let reader = try Desk.open(.sqlite(path: path), clerk: early, clearance: .confidential)
            func refused(_ body: () throws -> Void) {
                do { try body(); Issue.record("not refused") } catch {
                    let text = "\(error)"
                    #expect(text.contains("above your clearance") && !text.contains("Planted"), "\(text)")
                }
            }
            refused { _ = try reader.replies(to: reference) }
            refused { _ = try reader.request(reference) }
            refused { _ = try reader.history(of: reference) }
            refused { _ = try reader.letters(of: reference) }
            refused { _ = try reader.addFollowUp(FollowUp(requestReference: reference, date: early.today, kind: .reminder)) }
            refused { _ = try reader.move(reference, to: .withdrawn, on: early.today) }
            #expect(try reader.requests().shown.allSatisfy { $0.reference != reference })
            // As of a date before the secret reply, the stall report may still weigh the request: it shows nothing of the reply.
            let report = try reader.stallReport(asOf: try CalendarDate(iso: "2011-11-28"))
            #expect(!report.text.contains("Planted"))
        }
    }

    @Test("the README's example: the brief before the Beijing visit, through the door at confidential")
    func readmeExample() throws {
        try Self.withStore { path in
            try DemoWorld.load(into: try Desk.create(.sqlite(path: path), clerk: Self.clerk))
            let clerk = Clerk(name: "sato", today: try CalendarDate(iso: "2011-11-28"))
            let desk = try Desk.open(.sqlite(path: path), clerk: clerk, clearance: .confidential)
            let brief = try desk.stallReport(asOf: clerk.today, before: "NODA-BEIJING-2011")
            #expect(brief.text.contains(DemoWorld.mhiRequest))
            #expect(desk.clearance == .confidential && !desk.clearanceIsDefault)
        }
    }
}

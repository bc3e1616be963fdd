import Foundation
import Testing
@_spi(Worlds) @testable import Comity
@testable import ComityCore
@_spi(Worlds) @testable import ComityWorlds

/// Accounts of the shared desk: who may sign in, what each role may do, what each sees changed.
@Suite("accounts and roles")
struct AccountTests {
    static let today = try! CalendarDate(iso: "2011-11-28")
    static let password = "a long enough password"

    /// The demo world with an administrator, a supervisor and a confidential clerk.
    static func withOffice<T>(_ body: (Office, Desk) throws -> T) throws -> T {
        try DeskTests.withStore { path in
            let desk = try Desk.create(.sqlite(path: path), clerk: Clerk(name: "setup", today: today))
            try DemoWorld.load(into: desk)
            try desk.addUser(User(name: "aoki", displayName: "Aoki", role: .administrator, clearance: .secret), password: password)
            let admin = try Office.open(.sqlite(path: path)).desk(for: "aoki", today: today)
            try admin.addUser(User(name: "mori", displayName: "Mori", role: .supervisor, clearance: .secret), password: password)
            try admin.addUser(User(name: "sato", displayName: "Sato", role: .clerk, clearance: .confidential), password: password)
            return try body(try Office.open(.sqlite(path: path)), admin)
        }
    }

    static func refusal(_ body: () throws -> Void) -> ComityError? {
        do { try body() } catch let error as ComityError { return error } catch { Issue.record("unexpected \(error)") }
        return nil
    }

    @Test("the first account must be an enabled administrator; names and passwords are checked")
    func firstAccount() throws {
        try DeskTests.withStore { path in
            let desk = try Desk.create(.sqlite(path: path), clerk: Clerk(name: "setup", today: Self.today))
            let clerk = Self.refusal { try desk.addUser(User(name: "sato", displayName: "Sato", role: .clerk, clearance: .secret), password: Self.password) }
            #expect(clerk?.description.contains("first account must be an enabled administrator") == true)
            let short = Self.refusal { try desk.addUser(User(name: "aoki", displayName: "Aoki", role: .administrator, clearance: .secret), password: "short") }
            #expect(short?.description.contains("at least 12 characters") == true)
            let name = Self.refusal { try desk.addUser(User(name: "Aoki San", displayName: "Aoki", role: .administrator, clearance: .secret), password: Self.password) }
            #expect(name?.description.contains("not a valid account name") == true)
            try desk.addUser(User(name: "aoki", displayName: "Aoki", role: .administrator, clearance: .secret), password: Self.password)
            // The store's files are now its owner's alone.
            var info = stat()
            #expect(stat(path, &info) == 0 && info.st_mode & 0o777 == 0o600)
        }
    }

    @Test("sign-in accepts the right password only, and never a disabled account")
    func signIn() throws {
        try Self.withOffice { office, admin in
            #expect(try office.signIn("sato", password: Self.password)?.role == .clerk)
            #expect(try office.signIn("sato", password: Self.password + "x") == nil)
            #expect(try office.signIn("nobody", password: Self.password) == nil)
            try admin.changeUser("sato", reason: "left the division") { $0.disabled = true }
            #expect(try office.signIn("sato", password: Self.password) == nil)
            #expect(Self.refusal { _ = try office.desk(for: "sato", today: Self.today) }?.category == .forbidden)
            // The change is in the account's history, with who made it and why.
            let history = try admin.accountHistory("sato")
            #expect(history.contains { $0.action == .corrected && $0.field == "disabled" && $0.actor == "aoki" && $0.note == "left the division" })
            // The last administrator cannot lock everyone out.
            #expect(Self.refusal { try admin.changeUser("aoki", reason: "x") { $0.role = .clerk } }?.description.contains("last enabled administrator") == true)
        }
    }

    @Test("each role does what it may: clerks record, supervisors issue and set, administrators manage")
    func roles() throws {
        try Self.withOffice { office, _ in
            let clerk = try office.desk(for: "sato", today: Self.today)
            let supervisor = try office.desk(for: "mori", today: Self.today)
            #expect(clerk.clearance == .confidential && clerk.clerk.name == "sato")
            #expect(Self.refusal { try clerk.setSetting("follow-up-days", to: "20", channel: nil) }?.category == .forbidden)
            #expect(Self.refusal { _ = try clerk.users() }?.description.contains("only an administrator") == true)
            #expect(Self.refusal { _ = try supervisor.users() }?.category == .forbidden)
            try supervisor.setSetting("follow-up-days", to: "20", channel: nil)
            let templates = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
                .appendingPathComponent("templates")
            let renderer = try DocumentRenderer(templates: templates)
            let spec = LetterSpec(reference: DemoWorld.mhiRequest, kind: .reminder, language: .en, format: .html, date: Self.today)
            #expect(Self.refusal { _ = try clerk.issueLetters([spec], renderer: renderer) }?.description.contains("issue letters") == true)
            let issued = try supervisor.issueLetters([spec], renderer: renderer)
            #expect(issued.count == 1)
            // A clerk changes their own password only with the current one.
            #expect(Self.refusal { try clerk.setPassword(of: "sato", to: "another long password", current: "wrong") }?.category == .forbidden)
            try clerk.setPassword(of: "sato", to: "another long password", current: Self.password)
            #expect(try office.signIn("sato", password: "another long password") != nil)
            #expect(Self.refusal { try clerk.setPassword(of: "mori", to: "another long password", current: Self.password) }?.category == .forbidden)
        }
    }

    @Test("what changed since one last looked: only records one may see, and nothing twice")
    func changes() throws {
        try Self.withOffice { office, admin in
            let secret = Request(
                reference: "JP-SECRET-1", caseID: "MHI-2011", fromAuthority: "JP-NPA", toAuthority: "CN-MPS", channel: .police,
                basisID: nil, subject: "PLANTED-SECRET-SUBJECT", items: [], urgency: .routine, classification: .secret)
            try admin.addRequest(secret)
            let clerk = try office.desk(for: "sato", today: Self.today)
            let first = try clerk.changesSinceLastLook()
            #expect(!first.events.isEmpty)
            #expect(!first.events.contains { $0.subjectID == "JP-SECRET-1" })
            #expect(try admin.changesSinceLastLook().events.contains { $0.subjectID == "JP-SECRET-1" })
            try clerk.markChangesSeen(first)
            #expect(try clerk.changesSinceLastLook().events.isEmpty)
        }
    }

    @Test("check reports an account changed behind Comity's back")
    func damagedAccount() throws {
        try Self.withOffice { _, admin in
            // (The demo world's later cases are after this desk's day; only the accounts matter here.)
            let before = try admin.check().problems.filter { $0.contains("account") }
            #expect(before.isEmpty, "\(before)")
            try admin.store.write { db in
                try db.execute(sql: "UPDATE user_account SET password_hash = 'plain text' WHERE name = 'sato'")
                try db.execute(sql: "UPDATE user_account SET display_name = '' WHERE name = 'mori'")
            }
            let problems = try admin.check().problems
            #expect(problems.contains { $0.hasPrefix("damaged record: account sato: its password_hash is not a bcrypt hash") }, "\(problems)")
            #expect(problems.contains { $0.hasPrefix("breaks a rule: account mori:") && $0.contains("display name") }, "\(problems)")
            #expect(!problems.joined().contains("plain text"))
        }
    }
}

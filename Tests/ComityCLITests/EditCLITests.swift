import Foundation
import Testing
import Comity

/// `comity edit`: corrections through the built binary, their history, their refusals.
@Suite("edit")
struct EditCLITests {
    static let mhi = "JP-MHI-2011-001"
    static let oldSubject = "Tracing the source of the intrusion into Mitsubishi Heavy Industries"

    @Test("a correction is printed, kept in the history with its old and new value and reason, and in the audit trail")
    func editAndHistory() throws {
        try withSandbox { box in
            try box.loadDemo()
            let edit = try box.comity(["edit", "request", Self.mhi, "--subject", "Tracing the MHI intrusion", "--reason", "shorter subject"])
            #expect(edit.status == 0, "\(edit)")
            #expect(edit.stdout == "corrected request \(Self.mhi) subject: \"\(Self.oldSubject)\" → \"Tracing the MHI intrusion\"\n")
            let reply = try box.comity(["edit", "reply", "1", "--on", "2011-10-20", "--reason", "date of the cable"])
            #expect(reply.status == 0, "\(reply)")
            let history = try box.comity(["history", Self.mhi])
            #expect(history.status == 0)
            let lines = history.lines.filter { $0.contains("corrected") }
            #expect(lines.count == 2)
            #expect(lines.first?.contains("subject: \"\(Self.oldSubject)\" → \"Tracing the MHI intrusion\"") == true)
            #expect(lines.first?.contains("shorter subject") == true && lines.first?.contains("Sato") == true)
            #expect(lines.last?.contains("reply 1 date: \"2011-10-14\" → \"2011-10-20\"") == true)
            let json = try #require(try decodeJSON(try box.comity(["history", Self.mhi, "--format", "json"]).stdout) as? [[String: Any]])
            let corrected = json.filter { $0["action"] as? String == "corrected" }
            #expect(corrected.map { $0["field"] as? String } == ["subject", "date"])
            #expect(corrected.map { $0["oldValue"] as? String } == [Self.oldSubject, "2011-10-14"])
            #expect(corrected.map { $0["subjectType"] as? String } == ["request", "reply"])
            let audit = try box.comity(["history", "--audit"])
            #expect(audit.stdout.contains("corrected subject: \"\(Self.oldSubject)\" → \"Tracing the MHI intrusion\" — shorter subject"))
            #expect(try box.comity(["check"]).status == 0)
        }
    }

    @Test("a refused correction says why in one sentence, exits non-zero and changes nothing", arguments: [
        (["edit", "reply", "1", "--on", "2011-09-01", "--reason", "x"], Int32(65), "before request JP-MHI-2011-001 was sent on 2011-09-30"),
        (["edit", "request", mhi, "--sent", "2011-10-20", "--reason", "x"], 65, "after it was moved to transmitted on 2011-09-30"),
        (["edit", "request", mhi, "--state", "executed", "--reason", "x"], 65, "comity request move"),
        (["edit", "request", mhi, "--reference", "JP-NEW", "--reason", "x"], 65, "cannot be changed"),
        (["edit", "request", mhi, "--reason", "x"], 65, "nothing to change: give at least one field"),
        (["edit", "request", mhi, "--urgency", "urgent", "--reason", "x"], 65, "nothing to change: request JP-MHI-2011-001"),
        (["edit", "request", mhi, "--basis", "BUDAPEST", "--clear", "basis", "--reason", "x"], 65, "contradict each other"),
        (["edit", "request", mhi, "--clear", "subject", "--reason", "x"], 65, "--clear subject names no optional field"),
        (["edit", "request", mhi, "--subject", "x", "--reason", ""], 65, "reason"),
        (["edit", "request", mhi, "--subject", "x"], 64, "--reason"),
        (["edit", "request", "JP-NONE", "--subject", "x", "--reason", "x"], 66, "JP-NONE"),
        (["edit", "reply", "99", "--summary", "x", "--reason", "x"], 66, "reply"),
        (["edit", "case", "MHI-2011", "--incident", "2011-08-20", "--reason", "x"], 65, "discovered on 2011-08-11, before its incident on 2011-08-20"),
        (["edit", "engagement", "NODA-BEIJING-2011", "--end", "2011-12-01", "--reason", "x"], 65, "before it starts"),
        (["edit", "authority", "CN-MPS", "--party", "US", "--reason", "x"], 65, "record a new authority"),
        (["edit", "basis", "JP-CN-MLAT", "--drop-party", "CN", "--reason", "x"], 65, "not a party"),
    ])
    func refusals(arguments: [String], status: Int32, phrase: String) throws {
        try withSandbox { box in
            try box.loadDemo()
            let before = try CLI.dump(box.db)
            let result = try box.comity(arguments)
            #expect(result.status == status, "\(result)")
            #expect(result.stderr.contains(phrase), "\(result)")
            #expect(result.stderr.split(separator: "\n").count == 1 && result.stdout.isEmpty, "\(result)")
            #expect(try CLI.dump(box.db) == before)
        }
    }

    @Test("a record above the clerk's clearance is refused naming nothing of it")
    func clearance() throws {
        try withSandbox { box in
            try box.loadDemo()
            #expect(try box.comity(["edit", "request", Self.mhi, "--classification", "secret", "--reason", "raised"]).status == 0)
            let before = try CLI.dump(box.db)
            let refused = try box.comity(["edit", "request", Self.mhi, "--subject", "x", "--reason", "y", "--clearance", "restricted"])
            #expect(refused.status == 65)
            #expect(refused.stderr == "comity: request \(Self.mhi) is classified above your clearance (restricted); ask a colleague cleared for it\n")
            let reply = try box.comity(["edit", "reply", "1", "--summary", "x", "--reason", "y", "--clearance", "restricted"])
            #expect(reply.status == 65 && reply.stderr.contains("reply 1 is classified above your clearance") && !reply.stderr.contains("relevant"))
            let raise = try box.comity(["edit", "case", "MHI-2011", "--classification", "secret", "--reason", "y", "--clearance", "confidential"])
            #expect(raise.status == 65 && raise.stderr.contains("cannot be recorded with a confidential clearance"), "\(raise)")
            #expect(try CLI.dump(box.db) == before)
            let audit = try box.comity(["history", "--audit", "--clearance", "restricted"])
            #expect(audit.status == 0 && !audit.stdout.contains(Self.mhi) && audit.stderr.contains("1 export(s) or correction(s)"), "\(audit)")
        }
    }

    @Test("a Japan→China draft under Budapest, which China is not party to, is sent once its basis is corrected")
    func budapestDraft() throws {
        try withSandbox { box in
            try box.loadDemo()
            let reference = "JP-MHI-2011-002"
            #expect(try box.comity(["request", "add", reference, "--case", "MHI-2011", "--from", "JP-NPSC", "--to", "CN-MPS",
                                    "--channel", "central-authority", "--basis", "BUDAPEST", "--subject", "Preservation of logs"]).status == 0)
            #expect(try box.comity(["request", "move", reference, "in-clearance", "--on", "2024-01-10"]).status == 0)
            let refused = try box.comity(["request", "move", reference, "transmitted", "--on", "2024-01-10"])
            #expect(refused.status == 65 && refused.stderr.contains("is not a party to it"), "\(refused)")
            let edit = try box.comity(["edit", "request", reference, "--basis", "JP-CN-MLAT", "--reason", "China is not party to Budapest"])
            #expect(edit.status == 0 && edit.stdout.contains("basis_id: \"BUDAPEST\" → \"JP-CN-MLAT\""), "\(edit)")
            #expect(try box.comity(["request", "move", reference, "transmitted", "--on", "2024-01-10"]).status == 0)
        }
    }

    @Test("corrections survive export and import in every format", arguments: ["json", "csv", "xml"])
    func interchange(format: String) throws {
        try withSandbox { box in
            try box.loadDemo()
            #expect(try box.comity(["edit", "reply", "1", "--clear", "from", "--reason", "not stated"]).status == 0)
            let file = box.path("export.\(format)")
            let export = try box.comity(["export", "--format", format, "--out", file.path])
            #expect(export.status == 0, "\(export)")
            let copy = box.path("copy.sqlite").path
            #expect(try box.comity(["init"], db: copy).status == 0)
            let imported = try box.comity(["import", file.path], db: copy)
            #expect(imported.status == 0, "\(imported)")
            let history = try #require(try decodeJSON(try box.comity(["history", Self.mhi, "--format", "json"], db: copy).stdout) as? [[String: Any]])
            let corrected = try #require(history.first { $0["action"] as? String == "corrected" })
            #expect(corrected["field"] as? String == "from_authority" && corrected["oldValue"] as? String == "CN-MPS")
            #expect(corrected["newValue"] == nil && corrected["note"] as? String == "not stated")
            #expect(try box.comity(["check"], db: copy).status == 0)
        }
    }

    @Test("an export of one case carries the corrections of its replies and follow-ups, and no other case's")
    func scopedExport() throws {
        try withSandbox { box in
            try box.loadDemo()
            #expect(try box.comity(["edit", "reply", "1", "--summary", "Said it would contact the relevant authorities", "--reason", "wording"]).status == 0)
            #expect(try box.comity(["edit", "case", "JAXA-TICK", "--note", "Tick", "--reason", "group named"]).status == 0)
            func corrections(_ caseID: String) throws -> [String] {
                let export = try box.comity(["export", "--case", caseID])
                try #require(export.status == 0, "\(export)")
                let root = try #require(try decodeJSON(export.stdout) as? [String: Any])
                let history = try #require((root["tables"] as? [String: Any])?["history"] as? [[String: Any]])
                return history.filter { $0["action"] as? String == "corrected" }.compactMap { $0["subject_type"] as? String }
            }
            #expect(try corrections("MHI-2011") == ["reply"])
            #expect(try corrections("JAXA-TICK") == ["case"])
        }
    }
}

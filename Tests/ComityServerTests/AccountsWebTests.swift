import Comity
import Foundation
import HummingbirdTesting
import Testing

/// The accounts pages: an administrator's /users, everyone's /account.
@Suite("Accounts on the shared desk")
struct AccountsWebTests {
    @Test("a clerk and a supervisor are refused /users with 403 and the sentence, and cannot add an account by posting")
    func othersRefused() async throws {
        try await FormsWorld.run { client in
            for name in ["carl", "sam"] {
                var web = FormsWebClient(client)
                try await web.signIn(name)
                let page = try await web.get("/users")
                #expect(page.status == .forbidden)
                #expect(page.text.contains("only an administrator"))
                #expect(!page.text.contains("id=\"users-table\""))
                let post = try await web.post("/users", [
                    ("name", "mallory"), ("displayName", ""), ("role", "administrator"), ("clearance", "secret"), ("password", FormsWorld.password),
                ])
                #expect(post.status == .forbidden)
            }
            var mallory = FormsWebClient(client)
            #expect(try await mallory.signIn("mallory").status != .seeOther)
        }
    }

    @Test("an administrator adds an account that can then sign in; a refused one keeps its values but never the password")
    func addUser() async throws {
        try await FormsWorld.run { client in
            var ada = FormsWebClient(client)
            try await ada.signIn("ada")
            let page = try await ada.get("/users")
            #expect(page.status == .ok)
            #expect(try #require(page.element("users-table", closing: "table")).contains("carl"))
            #expect(page.text.contains("id=\"add-user-form\""))

            let short = try await ada.post("/users", [
                ("name", "dora"), ("displayName", "Dora Clerk"), ("role", "clerk"), ("clearance", "restricted"), ("password", "short"),
            ])
            #expect(short.status == .unprocessableContent)
            #expect(try #require(short.element("add-user-form-password", closing: "p")).contains("at least 12 characters"))
            #expect(short.text.contains("value=\"Dora Clerk\""))
            #expect(!short.text.contains("value=\"short\""))

            let added = try await ada.post("/users", [
                ("name", "dora"), ("displayName", "Dora Clerk"), ("role", "clerk"), ("clearance", "restricted"), ("password", "a long enough passphrase"),
            ])
            #expect(added.status == .seeOther)
            #expect(try await ada.get("/users").element("users-table", closing: "table")?.contains("Dora Clerk") == true)

            var dora = FormsWebClient(client)
            #expect(try await dora.signIn("dora", password: "a long enough passphrase").status == .seeOther)
            let account = try await dora.get("/account")
            #expect(account.text.contains("Dora Clerk"))
            #expect(account.text.contains("id=\"password-form\""))
        }
    }

    @Test("a disabled account cannot sign in; enabled again, it can; role and clearance change through the form")
    func disableAndChange() async throws {
        try await FormsWorld.run { client in
            var ada = FormsWebClient(client)
            try await ada.signIn("ada")
            #expect(try await ada.post("/users/carl/disable", [("reason", "left the division")]).status == .seeOther)
            #expect(try await ada.get("/users").element("users-table", closing: "table")?.contains("disabled") == true)
            var carl = FormsWebClient(client)
            #expect(try await carl.signIn("carl").status == .unauthorized)

            let noReason = try await ada.post("/users/carl/enable", [("reason", "")])
            #expect(noReason.status == .unprocessableContent)
            #expect(try #require(noReason.element("user-carl-state-reason", closing: "p")).contains("field-refusal"))
            #expect(try await ada.post("/users/carl/enable", [("reason", "back")]).status == .seeOther)
            #expect(try await carl.signIn("carl").status == .seeOther)

            let changed = try await ada.post("/users/carl/change", [
                ("displayName", "Carl C."), ("role", "supervisor"), ("clearance", "secret"), ("reason", "promoted"),
            ])
            #expect(changed.status == .seeOther)
            let row = try #require(try await ada.get("/users").element("users-table", closing: "table"))
            #expect(row.contains("Carl C.</td><td>supervisor</td><td>secret"))
            // Carl now meets the secret request.
            #expect(try await carl.get("/requests").text.contains(FormsWorld.secretRequest))
        }
    }

    @Test("anyone changes their own password from /account, giving the current one")
    func ownPassword() async throws {
        try await FormsWorld.run { client in
            var carl = FormsWebClient(client)
            try await carl.signIn("carl")
            let wrong = try await carl.post("/account/password", [("current", "not the password"), ("password", "a brand new passphrase")])
            #expect(wrong.status == .unprocessableContent)
            #expect(try #require(wrong.element("password-form-current", closing: "p")).contains("The current password is not right"))
            #expect(!wrong.text.contains("not the password"))
            let done = try await carl.post("/account/password", [("current", FormsWorld.password), ("password", "a brand new passphrase")])
            #expect(done.status == .seeOther)
            var again = FormsWebClient(client)
            #expect(try await again.signIn("carl").status == .unauthorized)
            #expect(try await again.signIn("carl", password: "a brand new passphrase").status == .seeOther)
        }
    }
}

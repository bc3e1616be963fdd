import Comity
import Hummingbird

/// Accounts: an administrator adds, changes, disables and enables them and sets their
/// passwords (`/users`, as `comity user`); anyone changes their own password (`/account`).
/// Everyone else is refused by the desk, with its sentence and 403.
struct AccountRoutes {
    let desk: DeskService

    func add(to router: Router<DeskContext>) {
        router.get("/users") { _, context -> Response in
            let render = usersPage(context)
            return Responses.html(try await desk.withDesk(context) { desk in try render(desk, nil) })
        }
        router.post("/users") { request, context in
            try await FormTaker(desk: desk).take(request, context, form: "add-user-form", page: usersPage(context)) { desk, form in
                _ = try desk.users()
                let name = try form.required("name", "account name")
                let user = User(name: name, displayName: form.text("displayName") ?? name,
                                role: try form.parsed("role") { try Role.parse($0) },
                                clearance: try form.parsed("clearance") { try Classification.parse($0, field: "clearance") })
                try user.validate()
                let password = form.value("password") ?? ""
                try PasswordRule.check(password)
                try desk.addUser(user, password: password)
                return "/users?done=added#users-table"
            }
        }
        router.post("/users/:name/change") { request, context in
            try await userForm(request, context, "change") { desk, name, form in
                let role = try form.parsed("role") { try Role.parse($0) }
                let clearance = try form.parsed("clearance") { try Classification.parse($0, field: "clearance") }
                let displayName = try form.required("displayName", "display name")
                try desk.changeUser(name, reason: try form.required("reason", "reason")) { user in
                    user.displayName = displayName
                    user.role = role
                    user.clearance = clearance
                }
            }
        }
        for (action, disabled) in [("disable", true), ("enable", false)] {
            router.post("/users/:name/\(action)") { request, context in
                try await userForm(request, context, "state") { desk, name, form in
                    try desk.changeUser(name, reason: try form.required("reason", "reason")) { $0.disabled = disabled }
                }
            }
        }
        router.post("/users/:name/password") { request, context in
            try await userForm(request, context, "password") { desk, name, form in
                let password = form.value("password") ?? ""
                try PasswordRule.check(password)
                _ = try desk.user(name)
                try desk.setPassword(of: name, to: password)
            }
        }
        router.get("/account") { _, context -> Response in
            let render = accountPage(context)
            return Responses.html(try await desk.withDesk(context) { desk in try render(desk, nil) })
        }
        router.post("/account/password") { request, context in
            try await FormTaker(desk: desk).take(request, context, form: "password-form", page: accountPage(context)) { desk, form in
                guard let me = desk.account?.name else { throw WebError.signInRequired }
                let current = try form.required("current", "current password")
                let password = form.value("password") ?? ""
                try PasswordRule.check(password)
                do {
                    try desk.setPassword(of: me, to: password, current: current)
                } catch let error as ComityError where error.category == .forbidden {
                    throw FieldError(field: "current", message: error.description)
                }
                return "/account?done=password"
            }
        }
    }

    /// One of the forms of an account on /users (`user-NAME-KIND`).
    private func userForm(_ request: Request, _ context: DeskContext, _ kind: String,
                          _ body: @escaping @Sendable (Desk, String, FormFields) throws -> Void) async throws -> Response {
        let name = try context.parameters.require("name")
        return try await FormTaker(desk: desk).take(request, context, form: "user-\(name)-\(kind)", page: usersPage(context)) { desk, form in
            try body(desk, name, form)
            return "/users?done=\(kind)#user-\(Path.escape(name))"
        }
    }

    private func usersPage(_ context: DeskContext) -> @Sendable (Desk, FormRefusal?) throws -> String {
        let pages = desk.pages
        let identity = context.identity
        return { desk, refusal in
            guard let identity else { throw WebError.signInRequired }
            let users = try desk.users()
            let roles = FormView.choices(Role.self)
            let levels = FormView.choices(Classification.self)
            return try pages.formPage("users", title: "Accounts", signedIn: identity, [
                "users": users.map { user -> [String: Any] in
                    let base = "/users/\(Path.escape(user.name))"
                    return [
                        "name": user.name, "displayName": user.displayName, "role": user.role.rawValue,
                        "clearance": user.clearance.rawValue, "state": user.disabled ? "disabled" : "enabled",
                        "forms": [
                            FormView(id: "user-\(user.name)-change", action: base + "/change", title: "Change \(user.name)", button: "Change", fields: [
                                .init(name: "displayName", label: "Display name", required: true, initial: user.displayName, columns: ["display_name"]),
                                .init(name: "role", label: "Role", kind: .select(roles), initial: user.role.rawValue),
                                .init(name: "clearance", label: "Clearance", kind: .select(levels), initial: user.clearance.rawValue),
                                .init(name: "reason", label: "Reason, kept in the history", required: true),
                            ]).context(refusal),
                            FormView(id: "user-\(user.name)-state", action: base + (user.disabled ? "/enable" : "/disable"),
                                     title: user.disabled ? "Enable \(user.name)" : "Disable \(user.name)", button: user.disabled ? "Enable" : "Disable", fields: [
                                .init(name: "reason", label: "Reason, kept in the history", required: true),
                            ]).context(refusal),
                            FormView(id: "user-\(user.name)-password", action: base + "/password", title: "Set the password of \(user.name)",
                                     button: "Set the password", fields: [
                                .init(name: "password", label: "New password", kind: .password, required: true, hint: "At least \(PasswordRule.minimum) characters"),
                            ]).context(refusal),
                        ],
                    ]
                },
                "addForm": FormView(id: "add-user-form", action: "/users", title: "Add an account", button: "Add the account", fields: [
                    .init(name: "name", label: "Account name", required: true, hint: "2 to 32 lower-case letters, digits, '.', '_' or '-'"),
                    .init(name: "displayName", label: "Display name (optional: the account name)", columns: ["display_name"]),
                    .init(name: "role", label: "Role", kind: .select(roles), initial: Role.clerk.rawValue),
                    .init(name: "clearance", label: "Clearance", kind: .select(levels), initial: Classification.restricted.rawValue),
                    .init(name: "password", label: "Password", kind: .password, required: true, hint: "At least \(PasswordRule.minimum) characters"),
                ]).context(refusal),
            ], refusal: refusal)
        }
    }

    private func accountPage(_ context: DeskContext) -> @Sendable (Desk, FormRefusal?) throws -> String {
        let pages = desk.pages
        let identity = context.identity
        return { desk, refusal in
            guard let identity else { throw WebError.signInRequired }
            let me = try desk.user(identity.user.name)
            return try pages.formPage("account", title: "Your account", signedIn: identity, [
                "account": ["name": me.name, "displayName": me.displayName, "role": me.role.rawValue, "clearance": me.clearance.rawValue],
                "passwordForm": FormView(id: "password-form", action: "/account/password", title: "Change your password", button: "Change the password", fields: [
                    .init(name: "current", label: "Current password", kind: .password, required: true),
                    .init(name: "password", label: "New password", kind: .password, required: true, hint: "At least \(PasswordRule.minimum) characters"),
                ]).context(refusal),
            ], refusal: refusal)
        }
    }
}

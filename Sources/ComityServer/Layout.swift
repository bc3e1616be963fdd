import Comity

/// What every page carries: its title, its mark, and who is signed in with what they may do.
enum Layout {
    static func context(title: String, signedIn: SignedIn?, mark: Classification = .unclassified, extra: [String: Any] = [:]) -> [String: Any] {
        var context: [String: Any] = [
            "title": title,
            "mark": mark.markEnglish,
            "marked": mark > .unclassified,
        ]
        if let signedIn {
            let user = signedIn.user
            context["user"] = [
                "name": user.name, "displayName": user.displayName, "role": user.role.rawValue,
                "clearance": user.clearance.rawValue,
                "mayIssue": user.role.may(.issueLetters), "mayManage": user.role.may(.manageUsers),
            ] as [String: Any]
            context["csrf"] = signedIn.csrf
        }
        for (key, value) in extra { context[key] = value }
        return context
    }
}

extension StoredSetting {
    /// Every rule a stored setting breaks, each with its field: a channel Comity knows (or `*`),
    /// and a value `comity settings set` takes, through the same parser. The default clearance
    /// holds for every channel and is exactly one of the lowercase levels.
    public func problems() -> [ValidationFailure] {
        var check = RuleCheck()
        check.text(channel, Self.channelRule)
        check.text(key, Self.keyRule)
        check.text(value, Self.valueRule)
        guard check.problems.isEmpty else { return check.problems }
        // Stored exactly as a channel's raw value: "Diplomatic" would never be read back.
        check.require(channel == "*" || Channel(rawValue: channel) != nil, "channel",
                      "'\(printable(channel))' is not a valid channel; use \(Channel.choices)")
        if key == StoredSetting.clearanceKey {
            check.require(channel == "*", "channel", "the clearance applies to every channel; leave out --channel")
            check.run("value") { () throws(ValidationFailure) in _ = try Classification(clearanceSetting: value) }
        } else if key == StoredSetting.ourStateKey {
            check.require(channel == "*", "channel", "the desk's state applies to every channel; leave out --channel")
            check.run("value") { () throws(ValidationFailure) in
                guard try Party.validCode(value) == value else {
                    throw ValidationFailure("the desk's state is kept as '\(printable(value))'; write it as the upper-case ISO code \(value.uppercased())")
                }
            }
        } else if !StallSettings.keys.contains(key) {
            check.run("key") { () throws(ValidationFailure) in
                var probe = StallSettings.defaults(for: nil)
                try probe.apply(key: key, value: value)
            }
        } else {
            check.run("value") { () throws(ValidationFailure) in
                var probe = StallSettings.defaults(for: Channel(rawValue: channel))
                try probe.apply(key: key, value: value)
            }
        }
        return check.problems
    }

    public func validate() throws(ValidationFailure) { try problems().throwFirst() }

    static let channelRule = TextRule("channel of the setting", column: "channel", limit: 64)
    static let keyRule = TextRule("setting", column: "key", limit: 64)
    static let valueRule = TextRule("value of the setting", column: "value", limit: 64)
}

extension Classification {
    /// The level a stored default clearance names: exactly one of the lowercase levels, as
    /// `defaultClearance()` reads it back (a capitalised one would silently read as secret).
    /// `comity settings set clearance` stores what `Classification.parse` made of the clerk's words.
    public init(clearanceSetting text: String) throws(ValidationFailure) {
        guard let level = Classification(rawValue: text) else {
            if let level = try? Classification.parse(text, field: "clearance level") {
                throw ValidationFailure("the default clearance is kept as '\(printable(text))'; write it exactly as \(level.rawValue), in lower case")
            }
            _ = try Classification.parse(text, field: "clearance level")
            throw ValidationFailure("'\(printable(text))' is not a valid clearance level; use \(Classification.choices)")
        }
        self = level
    }
}

/// One stored setting.
public struct StoredSetting: Hashable, Codable, Sendable {
    /// A channel's raw value, or `*` for every channel.
    public var channel: String
    public var key: String
    public var value: String

    /// The key of the default clearance, stored for every channel.
    public static let clearanceKey = "clearance"

    public init(channel: String, key: String, value: String) {
        self.channel = channel
        self.key = key
        self.value = value
    }
}

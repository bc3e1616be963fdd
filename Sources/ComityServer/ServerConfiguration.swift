import Comity
import Foundation

/// How `comity serve` listens, whom it serves and for how long a sign-in lasts.
public struct ServerConfiguration: Sendable {
    /// The address to listen on; plain HTTP only on a loopback address.
    public var host: String
    /// The port; 0 picks a free one (reported through `onRunning`).
    public var port: Int
    /// A PEM certificate chain and private key: with both, the server speaks HTTPS only.
    public var certificatePath: String?
    public var keyPath: String?
    /// The templates folder (pages in `web/`, documents as the command line renders them).
    public var templates: String
    /// A fixed date for every page, for reproducible runs; nil reads the server's clock.
    public var today: CalendarDate?
    /// A sign-in ends after this long without a request, and in any case after `sessionLifetime`.
    public var idleTimeout: Duration
    public var sessionLifetime: Duration
    /// Failed sign-ins of one account (or from one address) before it must wait, and the first wait.
    public var allowedFailures: Int
    public var firstLockout: Duration
    /// The largest request body accepted.
    public var maxBodyBytes: Int
    /// Seconds since 1970, for the age of sessions: the system clock, or a test's.
    public var now: @Sendable () -> Double = { Date().timeIntervalSince1970 }
    /// A connection that sends no whole request for this long is closed (a slow client included).
    public var connectionTimeout: Duration = .seconds(60)

    public init(
        host: String = "127.0.0.1", port: Int = 8080, certificatePath: String? = nil, keyPath: String? = nil,
        templates: String = "templates", today: CalendarDate? = nil,
        idleTimeout: Duration = .seconds(30 * 60), sessionLifetime: Duration = .seconds(10 * 60 * 60),
        allowedFailures: Int = 5, firstLockout: Duration = .seconds(60), maxBodyBytes: Int = 256 * 1024
    ) {
        self.host = host
        self.port = port
        self.certificatePath = certificatePath
        self.keyPath = keyPath
        self.templates = templates
        self.today = today
        self.idleTimeout = idleTimeout
        self.sessionLifetime = sessionLifetime
        self.allowedFailures = allowedFailures
        self.firstLockout = firstLockout
        self.maxBodyBytes = maxBodyBytes
    }

    /// Whether the server speaks HTTPS.
    public var usesTLS: Bool { certificatePath != nil && keyPath != nil }

    /// Refuses what would expose the desk: plain HTTP beyond this machine, half a TLS pair.
    public func validate() throws(ComityError) {
        if (certificatePath == nil) != (keyPath == nil) {
            throw .invalid("HTTPS needs both --certificate and --key; give the PEM certificate chain and its private key")
        }
        if !usesTLS, !Self.isLoopback(host) {
            throw .invalid("plain HTTP is served on a loopback address only (127.0.0.1, ::1, localhost); give --certificate and --key to serve \(host) over HTTPS")
        }
        guard (0...65535).contains(port) else {
            throw .invalid("the port must be from 0 to 65535, not \(port)")
        }
    }

    static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }
}

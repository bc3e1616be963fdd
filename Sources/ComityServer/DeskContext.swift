import Comity
import Hummingbird
import HummingbirdAuth
import NIOCore

/// What the server keeps of a sign-in: whose it is, its form token, and when it was last used.
public struct DeskSession: Codable, Sendable, Equatable {
    public var user: String
    /// Every form and every write of the API carries it back (`csrf` field or `X-CSRF-Token`).
    public var csrf: String
    /// Seconds since 1970 of the last request, for the idle timeout.
    public var lastSeen: Double
    public var signedInAt: Double
}

/// The person a request acts for, read afresh from the store.
public struct SignedIn: Sendable {
    public var user: User
    public var csrf: String
}

/// Each request's context: the session, the person signed in, and where it came from.
public struct DeskContext: AuthRequestContext, SessionRequestContext, RemoteAddressRequestContext {
    public var coreContext: CoreRequestContextStorage
    public var identity: SignedIn?
    public let sessions: SessionContext<DeskSession>
    public let remoteAddress: SocketAddress?
    /// The body limit, set from the configuration by the first middleware.
    public var bodyLimit: Int = 256 * 1024

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        identity = nil
        sessions = .init()
        remoteAddress = source.channel.remoteAddress
    }

    public var maxUploadSize: Int { bodyLimit }

    /// The client's address as throttling counts it.
    var clientAddress: String { remoteAddress?.ipAddress ?? "unknown" }

    /// The signed-in person, or the refusal that sends them to sign in.
    func requireSignedIn() throws -> SignedIn {
        guard let identity else { throw WebError.signInRequired }
        return identity
    }
}

import Comity
import Foundation
import Hummingbird
import HummingbirdAuth
import HummingbirdCore
import HummingbirdTLS
import Logging
import NIOSSL

/// `comity serve`: the shared desk over HTTP(S), on the same front door as the command line.
public enum DeskServer {
    /// Builds the server: the office on `location`, pages from the templates folder.
    /// `onRunning` receives the port once the server listens (useful with port 0).
    public static func application(
        _ location: StoreLocation, configuration: ServerConfiguration,
        onRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) async throws -> some ApplicationProtocol {
        try configuration.validate()
        let office = try Office.open(location)
        guard try office.hasUsers() else {
            throw ComityError.invalid("\(office.path) has no accounts, so no one could sign in; add the first administrator with 'comity user add NAME --role administrator --clearance LEVEL'")
        }
        let pages = try await PageRenderer(templates: configuration.templates)
        let service = DeskService(office: office, pages: pages, configuration: configuration)
        let sessions = MemoryPersistDriver()
        let router = Router(context: DeskContext.self)
        router.addMiddleware {
            SecurityHeaders(tls: configuration.usesTLS)
            ErrorPages(pages: pages)
            SessionMiddleware(
                storage: sessions,
                configuration: .init(
                    sessionCookieParameters: .init(name: "comity_session", path: "/", secure: configuration.usesTLS, sameSite: .strict),
                    keyPrefix: "session.",
                    defaultSessionExpiration: configuration.sessionLifetime))
            SignedInReader(desk: service)
            ForgeryGuard()
            WriteMarker(desk: service)
        }
        SessionRoutes(desk: service).add(to: router)
        DashboardRoutes(desk: service).add(to: router)
        RequestRoutes(desk: service).add(to: router)
        RecordRoutes(desk: service).add(to: router)
        CorrectionRoutes(desk: service).add(to: router)
        ListRoutes(desk: service).add(to: router)
        EngagementRoutes(desk: service).add(to: router)
        RegistryRoutes(desk: service).add(to: router)
        SearchRoutes(desk: service).add(to: router)
        AccountRoutes(desk: service).add(to: router)
        LetterRoutes(desk: service).add(to: router)
        ReportRoutes(desk: service).add(to: router)
        APIRoutes(desk: service).add(to: router)
        StaticRoutes(templates: configuration.templates).add(to: router)
        let http1 = HTTPServerBuilder.http1(configuration: .init(additionalChannelHandlers: [UnreadableRequests()], idleTimeout: .init(configuration.connectionTimeout)))
        var app = Application(
            router: router,
            server: try tlsConfiguration(configuration).map { try .tls(http1, tlsConfiguration: $0) } ?? http1,
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "Comity"),
            onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? configuration.port) },
            logger: {
                var logger = Logger(label: "comity.serve")
                logger.logLevel = .notice
                return logger
            }())
        app.addServices(sessions)
        return app
    }

    private static func tlsConfiguration(_ configuration: ServerConfiguration) throws -> TLSConfiguration? {
        guard let certificatePath = configuration.certificatePath, let keyPath = configuration.keyPath else { return nil }
        do {
            let chain = try NIOSSLCertificate.fromPEMFile(certificatePath)
            let key = try NIOSSLPrivateKey(file: keyPath, format: .pem)
            var tls = TLSConfiguration.makeServerConfiguration(certificateChain: chain.map { .certificate($0) }, privateKey: .privateKey(key))
            tls.minimumTLSVersion = .tlsv12
            return tls
        } catch {
            throw ComityError.invalid("the certificate \(certificatePath) or key \(keyPath) cannot be read as PEM (\(error)); give a PEM certificate chain and its private key")
        }
    }
}

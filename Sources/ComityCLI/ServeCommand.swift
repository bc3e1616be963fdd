import ArgumentParser
import Comity
import ComityServer
import Foundation
import Hummingbird

/// `comity serve`: the shared desk in a browser.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the shared desk: pages and a JSON API for the accounts of this database.",
        discussion: """
            Plain HTTP is served on a loopback address only; give --certificate and --key to serve \
            HTTPS on any address. The database must have an administrator ('comity user add'); \
            its files are made readable by the serving account only. Stops cleanly on SIGTERM or SIGINT.
            """)

    @Option(name: .customLong("db"), help: ArgumentHelp("Database file (default: $COMITY_DB, else ./comity.sqlite).", valueName: "path"))
    var database: String?
    @Option(help: "The address to listen on.") var host = "127.0.0.1"
    @Option(help: "The port to listen on (0: any free port, printed when listening).") var port = 8080
    @Option(help: ArgumentHelp("A PEM certificate chain, for HTTPS.", valueName: "path")) var certificate: String?
    @Option(help: ArgumentHelp("The PEM private key of the certificate.", valueName: "path")) var key: String?
    @OptionGroup var templates: TemplateOptions
    @Option(help: ArgumentHelp("A fixed date for every page, for reproducible runs (default: the system date).", valueName: "YYYY-MM-DD"),
            transform: DateArgument.parse)
    var today: CalendarDate?
    @Option(help: "Minutes without a request after which a sign-in ends.") var idleMinutes = 30
    @Option(help: ArgumentHelp("Seconds without a request after which a sign-in ends (overrides --idle-minutes).", visibility: .hidden))
    var idleSeconds: Int?

    func validate() throws {
        guard (1...24 * 60).contains(idleMinutes) else { throw ValidationError("--idle-minutes must be from 1 to 1440") }
        if let idleSeconds, !(1...86_400).contains(idleSeconds) { throw ValidationError("--idle-seconds must be from 1 to 86400") }
    }

    func run() async throws {
        var global = try GlobalOptions.parse([])
        global.database = database
        let configuration = ServerConfiguration(
            host: host, port: port, certificatePath: certificate, keyPath: key,
            templates: try templates.folder(), today: today,
            idleTimeout: .seconds(idleSeconds ?? idleMinutes * 60))
        let scheme = configuration.usesTLS ? "https" : "http"
        let path = global.databasePath
        let host = host
        let app = try await DeskServer.application(.sqlite(path: path), configuration: configuration) { port in
            let shown = host.contains(":") ? "[\(host)]" : host
            Output.noteLine("comity: serving \(path) at \(scheme)://\(shown):\(port)/ (stop with Ctrl-C or SIGTERM)")
        }
        try await app.runService()
        Output.noteLine("comity: stopped")
    }
}

import Foundation
import Hummingbird

extension Parameters {
    /// A path parameter percent-decoded (Hummingbird gives it as sent), e.g. a reference with '/'.
    func decoded(_ name: String) throws -> String {
        let raw = try require(name)
        guard let text = raw.removingPercentEncoding else { throw WebError.badRequest("The address is not well formed; use the links of Comity's pages.") }
        return text
    }
}

import Foundation
import TOMLKit

/// `config.toml`. Secrets (api_key, password) are only read from a file nobody else can read.
struct ConfigFile: Sendable {
    var apiBase: String?
    var partnerId: String?
    var apiKey: String?
    var username: String?
    var password: String?
    /// `[connection] payment_model`: "direct" or "partner" (the partner account's, reference §14).
    var paymentModel: String?
    var theme: String?
    var readOnly = false
    /// `[keys]`: action name -> keys.
    var keys: [String: [String]] = [:]

    struct LoadError: Error, CustomStringConvertible {
        let description: String
    }

    static func load(path: String) throws -> ConfigFile? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw LoadError(description: "\(path): cannot be read")
        }
        let table: TOMLTable
        do { table = try TOMLTable(string: text) } catch let e as TOMLParseError {
            throw LoadError(description: "\(path):\(e.source.begin.line): \(e.description)")
        } catch {
            throw LoadError(description: "\(path): not valid TOML")
        }
        var c = ConfigFile()
        let conn = table["connection"]?.table
        c.apiBase = conn?["api_base"]?.string
        c.partnerId = conn?["partner_id"]?.string
        c.apiKey = conn?["api_key"]?.string
        c.username = conn?["username"]?.string
        c.password = conn?["password"]?.string
        c.paymentModel = conn?["payment_model"]?.string
        let ui = table["ui"]?.table
        c.theme = ui?["theme"]?.string
        c.readOnly = ui?["read_only"]?.bool ?? false
        if let keys = table["keys"]?.table {
            for (action, value) in keys {
                if let one = value.string { c.keys[action] = [one] }
                else if let many = value.array { c.keys[action] = many.compactMap { $0.string } }
            }
        }
        if c.apiKey != nil || c.password != nil {
            var info = stat()
            if stat(path, &info) == 0, info.st_mode & 0o077 != 0 {
                throw LoadError(description: "\(path) holds a secret and others can read it; run: chmod 600 \(path)")
            }
        }
        return c
    }
}

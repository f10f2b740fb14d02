import Foundation
import HubCore

/// One line to stderr; never a secret (callers pass messages built from typed errors).
/// Errors quote servers and URLs: each line is made terminal-safe, and a URL's user and
/// password are never printed.
func printError(_ message: String) {
    let safe = message.split(separator: "\n", omittingEmptySubsequences: false)
        .map { Sanitizer.withoutCredentials(Sanitizer.terminalSafe(String($0))) }.joined(separator: "\n")
    FileHandle.standardError.write(Data((safe + "\n").utf8))
}

func printOut(_ text: String) {
    FileHandle.standardOutput.write(Data(text.utf8))
}

/// The API's shapes, exact, but terminal-safe (`Sanitizer.terminalSafeJSON`).
func printJSON<T: Encodable>(_ value: T) throws {
    var data = Sanitizer.terminalSafeJSON(try HubJSON.encode(value, pretty: true))
    data.append(0x0A)
    FileHandle.standardOutput.write(data)
}

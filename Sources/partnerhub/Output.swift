import Foundation
import HubCore

/// One line to stderr; never a secret (callers pass messages built from typed errors).
func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
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

import Testing
import NASCore

@Suite struct PlainNameTests {
    @Test("names that would leave their folder, hide, read as an option or overflow are refused")
    func namesThatEscapeOrMisleadAreRefused() {
        for bad in ["", ".", "..", "../x", "a/b", "/abs", "-rf", ".hidden", "a b", "tab\t", "ümlaut", "a\\b",
                    String(repeating: "a", count: PlainName.maxLength + 1)] {
            #expect(!PlainName.isValid(bad), "'\(bad)' passed")
        }
        #expect(throws: PlainNameError(what: "spec name", name: "..")) { try PlainName.check("..", what: "spec name") }
    }

    @Test("every name the project ships is plain")
    func realNamesArePlain() {
        for good in ["nats-tss", "linas-zoo-nats-tss-2obj", "hat-wmt14ende-cpu-raspberrypi", "nas-ea-fa-v2", "py_random", "ofa-mbv3-dynast",
                     "v1.2", String(repeating: "a", count: PlainName.maxLength)] {
            #expect(PlainName.isValid(good), "'\(good)' refused")
        }
    }
}

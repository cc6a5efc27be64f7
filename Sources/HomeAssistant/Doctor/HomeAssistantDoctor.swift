import Engine
import JSONCore
import LambdaRuntime

/// The doctor's checks of Home Assistant as Alexa reaches it: where most Home Assistant
/// and haaska users fail ("unable to link", port not 443, certificate not trusted, wrong
/// region's client id, a refused token).
struct HomeAssistantDoctor {
  let settings: HomeAssistantSettings
  let services: Services
  let invocation: Invocation
  let region: AlexaRegion?

  /// No check waits longer than this, so the whole report fits Lambda's budget.
  static let capMilliseconds = 3000

  func checks() -> [DoctorCheck] {
    guard let url = settings.url else { return [Self.noURL] }
    var checks = [Self.address(url)]
    let (reachable, providers) = reach(url)
    checks.append(reachable)
    if url.lowercased().hasPrefix("https://") { checks.append(publicCertificate(url)) }
    checks.append(token())
    if reachable.ok { checks.append(accountLinking(url, providers: providers)) }
    return checks
  }

  /// What the bridge checks: Home Assistant on the LAN and the owner's token.
  func checksOnTheLAN() -> [DoctorCheck] {
    guard let url = settings.url else { return [Self.noURL] }
    return [reach(url).0, token()]
  }

  static let noURL = DoctorCheck.fail(
    "homeAssistantUrl", "HOME_ASSISTANT_URL is not set",
    fix:
      "set HOME_ASSISTANT_URL (HomeAssistantUrl) to the address Alexa reaches, or use the home link"
  )

  /// Account linking opens the URL from Amazon's servers, which speak HTTPS on port 443
  /// only, to a server whose certificate an Amazon-approved CA signed ("Requirements for
  /// Account Linking for Alexa Skills",
  /// https://developer.amazon.com/docs/account-linking/requirements-account-linking.html).
  static func address(_ url: String) -> DoctorCheck {
    let (scheme, port) = schemeAndPort(url)
    guard scheme == "https" else {
      return .fail(
        "httpsOn443", "\(url) is plain HTTP: Alexa links accounts over HTTPS only",
        fix:
          "serve Home Assistant over HTTPS on port 443 (a reverse proxy or a tunnel with a publicly trusted certificate), or use the home link"
      )
    }
    guard port == 443 else {
      return .fail(
        "httpsOn443", "\(url) uses port \(port.map(String.init) ?? "(unreadable)"), not 443",
        fix:
          "forward external port 443 to Home Assistant (e.g. router 443 → 8123) and drop the port from the URL"
      )
    }
    return .pass("httpsOn443", "HTTPS on port 443")
  }

  /// Home Assistant's sign-in providers (`/auth/providers`, no token needed): it answers,
  /// it is Home Assistant, and how long it takes.
  private func reach(_ url: String) -> (DoctorCheck, [String]) {
    let name = "homeAssistantReachable"
    let started = Clock.monotonicNanoseconds()
    do {
      let response = try upstream.send(
        HTTPRequest(url: url + "/auth/providers", tls: settings.tls), cap: Self.capMilliseconds)
      let milliseconds = Int((Clock.monotonicNanoseconds() - started) / 1_000_000)
      let reply = try? JSONParser.parse(response.body)
      // A list before Home Assistant 2024.6, {"providers": […]} since.
      let list = reply?.array ?? reply?["providers"]?.array
      guard response.status == 200, let list else {
        return (
          .fail(
            name, "\(url)/auth/providers answered \(response.status), not Home Assistant's sign-in",
            fix:
              "point HOME_ASSISTANT_URL at Home Assistant itself, and let a proxy pass /auth/ as well as /api/"
          ), []
        )
      }
      return (
        .pass(name, "answered in \(milliseconds) ms"),
        list.compactMap { $0["type"]?.string }
      )
    } catch {
      return (
        .fail(
          name, "\(error)",
          fix:
            "check from outside your network that \(url) answers (DNS, port forwarding, firewall)"
        ), []
      )
    }
  }

  /// Amazon's servers trust only certificates publicly issued CAs signed, whatever
  /// HOME_ASSISTANT_CA_BUNDLE or HOME_ASSISTANT_VERIFY_SSL let this function accept.
  private func publicCertificate(_ url: String) -> DoctorCheck {
    let name = "publicCertificate"
    do {
      _ = try services.http.send(
        HTTPRequest(url: url + "/auth/providers", tls: .system),
        timeoutMilliseconds: min(upstream.timeoutMilliseconds, Self.capMilliseconds))
      return .pass(name, "trusted by the public certificate authorities")
    } catch .tls(let why) {
      return .fail(
        name, "not trusted by public certificate authorities: \(why)",
        fix:
          "use a certificate from a CA Amazon trusts (its account-linking requirements list them), e.g. a tunnel's; HOME_ASSISTANT_CA_BUNDLE only lets this function accept yours, not Alexa"
      )
    } catch {
      return .fail(
        name, "not checked: \(error)", fix: "make Home Assistant reachable first")
    }
  }

  /// The owner's token, and Home Assistant's version.
  private func token() -> DoctorCheck {
    let name = "ownerToken"
    do {
      let config = try HomeAssistantClient.asOwner(
        settings: settings, services: services, invocation: invocation
      ).config()
      return .pass(name, "accepted; Home Assistant \(config["version"]?.string ?? "(no version)")")
    } catch .noToken {
      return .pass(
        name, "not set: Alexa's linked tokens reach Home Assistant; health and warm-up cannot")
    } catch .unauthorized(let status) {
      return .fail(
        name, "Home Assistant refused the token (\(status))",
        fix:
          "create a long-lived access token (Home Assistant profile → Security) and store it again"
      )
    } catch .parameterStore(let failure) {
      return .fail(
        name, "the token could not be read from Parameter Store: \(failure)",
        fix: "put the SecureString \(StoredParameter.homeAssistantToken.name(services))")
    } catch {
      return .fail(
        name, "\(error)", fix: "make Home Assistant reachable first")
    }
  }

  /// Opens a sign-in as Alexa's account linking does, with the skill's client id and the
  /// region's redirect: Home Assistant answers 400 to a client id it refuses, and refuses
  /// at the very end of sign-in (403 "Invalid redirect URI", Alexa's "unable to link") a
  /// redirect on another host than the client id's, which is checked here first. The
  /// flow is deleted at once (unused, it would expire by itself).
  private func accountLinking(_ url: String, providers: [String]) -> DoctorCheck {
    let name = "accountLinking"
    guard let region else {
      return .fail(
        name, "not checked: this region has no Alexa account linking",
        fix: "deploy in an Alexa region first")
    }
    let clientId = settings.linkingClientId ?? region.linkingClientId
    let redirect = region.redirectURI(vendorId: nil)
    let handler: JSON = [.string(providers.first ?? "homeassistant"), .null]
    let body: JSON = [
      "client_id": .string(clientId), "handler": handler, "redirect_uri": .string(redirect),
    ]
    do {
      let response = try upstream.send(
        HTTPRequest(
          method: "POST", url: url + "/auth/login_flow",
          headers: [("Content-Type", "application/json")], body: JSONWriter().bytes(body),
          tls: settings.tls), cap: Self.capMilliseconds)
      let reply = try? JSONParser.parse(response.body)
      guard response.status == 200, let flow = reply?["flow_id"]?.string else {
        return .fail(
          name,
          "Home Assistant refused a sign-in for client id \(clientId) (\(response.status) \(reply?["message"]?.string ?? ""))",
          fix:
            "set the skill's account-linking Client ID to \(region.linkingClientId) and let a proxy pass /auth/"
        )
      }
      _ = try? upstream.send(
        HTTPRequest(
          method: "DELETE", url: url + "/auth/login_flow/" + AWSSigning.percentEncoded(flow),
          tls: settings.tls), cap: 1000)
      guard Self.sameOrigin(clientId, redirect) else {
        return .fail(
          name,
          "Alexa sends \(region.served)'s users back to \(region.linkingClientId), which Home Assistant refuses at the end of sign-in for client id \(clientId)",
          fix: "set the skill's account-linking Client ID to \(region.linkingClientId)")
      }
      return .pass(
        name,
        "Home Assistant accepts client id \(clientId) with its redirect (a sign-in was opened and deleted)"
      )
    } catch {
      return .fail(name, "\(error)", fix: "make Home Assistant reachable first")
    }
  }

  private var upstream: Upstream { HomeAssistantClient.upstream(settings, services, invocation) }

  /// Whether `a` and `b` have the same scheme and host, as IndieAuth compares a client id
  /// with its redirect (both lowercased, port included).
  static func sameOrigin(_ a: String, _ b: String) -> Bool {
    let (left, right) = (parts(a.lowercased()), parts(b.lowercased()))
    return left.scheme == right.scheme && left.authority == right.authority
  }

  /// `url`'s scheme (lowercased) and port, the scheme's default when none is written; a
  /// port that is not a number is nil.
  static func schemeAndPort(_ url: String) -> (scheme: String, port: Int?) {
    var (scheme, authority) = parts(url)
    scheme = scheme.lowercased()
    if let at = authority.lastIndex(of: "@") {
      authority = authority[authority.index(after: at)...]
    }
    let hostEnd = authority.lastIndex(of: "]") ?? authority.startIndex
    guard let colon = authority[hostEnd...].lastIndex(of: ":") else {
      return (scheme, scheme == "https" ? 443 : scheme == "http" ? 80 : nil)
    }
    return (scheme, Int(authority[authority.index(after: colon)...]))
  }

  /// `url`'s scheme and authority (what lies between `://` and the path); without `://`,
  /// no scheme and the whole text.
  private static func parts(_ url: String) -> (scheme: String, authority: Substring) {
    guard let separator = url.firstRange(of: "://") else { return ("", url[...]) }
    let rest = url[separator.upperBound...]
    return (
      String(url[..<separator.lowerBound]),
      rest[..<(rest.firstIndex { "/?#".contains($0) } ?? rest.endIndex)]
    )
  }
}

import Engine

/// What proactive events need, from the environment; nil (events off, AcceptGrant as
/// before) without `ALEXA_CLIENT_ID`. The client secret and the push secret may come from
/// Parameter Store instead (`PARAMETER_PREFIX/ALEXA_CLIENT_SECRET`,
/// `PARAMETER_PREFIX/HOME_ASSISTANT_PUSH_SECRET`, with `USE_PARAMETER_STORE`).
public struct AlexaEventsSettings: Sendable {
  /// The skill's "Send Alexa Events" client id (Alexa developer console, Permissions).
  public var clientId: String
  var clientSecret: String?
  var pushSecret: String?
  public var tokenURL: String
  public var gatewayURL: String
  /// `ALEXA_GRANT_RECHECK_SECONDS`: how often an instance without a usable grant (none,
  /// or one Amazon no longer takes) looks in Parameter Store for a new one.
  public var grantRecheckSeconds: Int64

  public static let loginWithAmazonURL = "https://api.amazon.com/auth/o2/token"
  /// Shorter push secrets are refused: the Function URL is public.
  public static let minimumPushSecretLength = 32

  init?(_ reader: EnvironmentReader, region: String) throws(ConfigurationError) {
    guard let clientId = reader.string("ALEXA_CLIENT_ID") else { return nil }
    self.clientId = clientId
    clientSecret = reader.string("ALEXA_CLIENT_SECRET")
    pushSecret = reader.string("HOME_ASSISTANT_PUSH_SECRET")
    if let pushSecret, pushSecret.count < Self.minimumPushSecretLength {
      throw ConfigurationError(
        variable: "HOME_ASSISTANT_PUSH_SECRET",
        problem: "needs at least \(Self.minimumPushSecretLength) characters")
    }
    tokenURL = try reader.url("LWA_TOKEN_URL") ?? Self.loginWithAmazonURL
    gatewayURL = try reader.url("ALEXA_EVENT_GATEWAY_URL") ?? Self.gateway(forRegion: region)
    grantRecheckSeconds = Int64(
      try reader.integer("ALEXA_GRANT_RECHECK_SECONDS", default: 300, in: 0...3600))
  }

  /// The event gateway of the Alexa region a Lambda region serves. Amazon's guidance puts
  /// North America's skills in us-east-1, Europe's and India's in eu-west-1 and the Far
  /// East's (Japan, Australia) in us-west-2; other regions go by their continent.
  public static func gateway(forRegion region: String) -> String {
    let northAmerica = "https://api.amazonalexa.com/v3/events"
    let europe = "https://api.eu.amazonalexa.com/v3/events"
    let farEast = "https://api.fe.amazonalexa.com/v3/events"
    switch region {
    case "us-west-2": return farEast
    case _
    where region.hasPrefix("eu-") || region.hasPrefix("me-") || region.hasPrefix("af-")
      || region.hasPrefix("il-") || region.hasPrefix("ap-south-"):
      return europe
    case _ where region.hasPrefix("ap-"): return farEast
    default: return northAmerica
    }
  }
}

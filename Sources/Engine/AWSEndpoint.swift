/// Where an AWS service is called, resolved the way the AWS SDKs do: the service's own
/// `AWS_ENDPOINT_URL_<SERVICE>`, then `AWS_ENDPOINT_URL`, then the public regional
/// endpoint. (docs.aws.amazon.com/sdkref/latest/guide/feature-ss-endpoints.html)
public enum AWSEndpoint {
  /// `service` is the SDKs' service identifier in upper snake case (`SQS`, `SSM`); the
  /// public endpoint is `https://<host>.<region>.amazonaws.com/`.
  public static func url(
    service: String, host: String, region: String, environment: [String: String]
  ) -> String {
    for name in ["AWS_ENDPOINT_URL_" + service, "AWS_ENDPOINT_URL"] {
      if let value = environment[name], !value.isEmpty {
        return value.hasSuffix("/") ? value : value + "/"
      }
    }
    return "https://\(host).\(region).amazonaws.com/"
  }
}

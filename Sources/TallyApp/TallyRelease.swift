/// This release of Tally, as `tally --version` and the web server say it.
public enum TallyRelease {
    public static let version = "0.12.0"
}

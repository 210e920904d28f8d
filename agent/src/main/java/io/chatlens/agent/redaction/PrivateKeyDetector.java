package io.chatlens.agent.redaction;

/**
 * Finds PEM private-key blocks ({@code -----BEGIN RSA PRIVATE KEY-----} ... {@code -----END RSA PRIVATE
 * KEY-----}, also {@code OPENSSH}, {@code EC}, {@code ENCRYPTED} and plain {@code PRIVATE KEY}) and
 * replaces the whole block; a block cut off before its end line is redacted to the end of the text.
 */
final class PrivateKeyDetector implements Detector {

  private static final String MARKER = RedactionMarkers.marker(RedactionMarkers.PRIVATE_KEY);
  private static final String BEGIN = "-----BEGIN ";
  private static final String END = "-----END ";
  private static final String KEY_DASHES = "PRIVATE KEY-----";
  private static final int MAX_LABEL = 40;

  @Override
  public void detect(String text, Findings findings) {
    int begin = text.indexOf(BEGIN);
    while (begin >= 0) {
      int label = text.indexOf(KEY_DASHES, begin + BEGIN.length());
      if (label < 0 || label - begin > BEGIN.length() + MAX_LABEL) {
        begin = text.indexOf(BEGIN, begin + BEGIN.length());
        continue;
      }
      int end = text.indexOf(END, label);
      int blockEnd;
      if (end < 0) {
        blockEnd = text.length();
      } else {
        int closing = text.indexOf(KEY_DASHES, end);
        blockEnd = closing < 0 ? text.length() : closing + KEY_DASHES.length();
      }
      findings.add(begin, blockEnd, MARKER);
      begin = blockEnd < text.length() ? text.indexOf(BEGIN, blockEnd) : -1;
    }
  }
}

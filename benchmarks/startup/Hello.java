/**
 * The application measured by the startup benchmark: prints {@code hello} and exits.
 *
 * <p>With an optional argument {@code N} it stays alive {@code N} milliseconds after printing before
 * exiting, so that work an agent does in background threads after {@code premain} returns is finished
 * (and its CPU time and memory are counted) before the JVM exits.
 */
public final class Hello {

  public static void main(String[] args) throws InterruptedException {
    System.out.println("hello");
    if (args.length > 0) {
      Thread.sleep(Long.parseLong(args[0]));
    }
  }
}

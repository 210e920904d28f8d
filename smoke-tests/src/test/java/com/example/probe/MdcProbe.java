package com.example.probe;

/** Logs inside a turn; its Logback pattern prints the MDC's trace_id and span_id. */
public final class MdcProbe {

  private MdcProbe() {}

  public static void main(String[] args) {
    System.out.println(new MdcChatService().handle("s-1", "hello"));
  }
}

package io.chatlens.agent.boot;

import com.sun.tools.attach.VirtualMachine;
import com.sun.tools.attach.VirtualMachineDescriptor;
import java.io.File;

/**
 * {@code java -jar chatlens-agent.jar attach <pid> [options]}: loads the agent into a running JVM
 * through the JDK Attach API. {@code attach --list} lists the JVMs that can be attached to.
 */
final class AttachCommand {

  private AttachCommand() {}

  static int run(String[] args) {
    if (args.length < 2 || "--help".equals(args[1])) {
      System.err.println("usage: java -jar chatlens-agent.jar attach <pid> [options]");
      System.err.println("       java -jar chatlens-agent.jar attach --list");
      System.err.println("options are passed to the agent as with -javaagent:chatlens-agent.jar=<options>,");
      System.err.println("for example config=/etc/chatbot/agent.properties");
      return 2;
    }
    try {
      if ("--list".equals(args[1])) {
        for (VirtualMachineDescriptor vm : VirtualMachine.list()) {
          System.out.println(vm.id() + " " + vm.displayName());
        }
        return 0;
      }
      String pid = args[1];
      String options = args.length > 2 ? args[2] : null;
      File jar = AgentJar.locate();
      VirtualMachine vm = VirtualMachine.attach(pid);
      try {
        vm.loadAgent(jar.getAbsolutePath(), absolutizeConfig(options));
      } finally {
        vm.detach();
      }
      System.out.println("ChatLens agent loaded into JVM " + pid);
      return 0;
    } catch (Exception e) {
      System.err.println("chatlens: cannot attach: " + e);
      return 1;
    }
  }

  /** The target JVM has its own working directory, so a relative config path is resolved here. */
  static String absolutizeConfig(String options) {
    if (options == null) {
      return null;
    }
    StringBuilder out = new StringBuilder();
    for (String part : options.split(",(?=[A-Za-z][\\w.\\-]*=)")) {
      if (out.length() > 0) {
        out.append(',');
      }
      if (part.startsWith("config=")) {
        out.append("config=").append(new File(part.substring("config=".length())).getAbsolutePath());
      } else {
        out.append(part);
      }
    }
    return out.toString();
  }
}

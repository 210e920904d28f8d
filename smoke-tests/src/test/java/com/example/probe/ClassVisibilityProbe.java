package com.example.probe;

/** Prints, for each class name argument, whether the application can load it. */
public final class ClassVisibilityProbe {

  private ClassVisibilityProbe() {}

  public static void main(String[] args) {
    System.out.println(new ProbeChatService().handle("s-1", "ready"));
    ClassLoader app = ClassLoader.getSystemClassLoader();
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    for (String name : args) {
      boolean found = loads(() -> Class.forName(name)) || loads(() -> app.loadClass(name))
          || loads(() -> context.loadClass(name))
          || app.getResource(name.replace('.', '/') + ".class") != null;
      System.out.println(name + "=" + (found ? "FOUND" : "MISSING"));
    }
  }

  private interface Load {
    Class<?> run() throws Exception;
  }

  private static boolean loads(Load load) {
    try {
      return load.run() != null;
    } catch (Exception | LinkageError notVisible) {
      return false;
    }
  }
}

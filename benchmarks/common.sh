# Shared by the whole-process benchmark scripts (sourced, not run).

# Builds the reactor when the agent jar ($1) or the demo jar ($2) is missing.
ensure_jars() {
  if [ ! -f "$1" ] || [ ! -f "$2" ]; then
    mvn -B -q install -DskipTests
  fi
}

# Copies a Maven Central artifact (group:artifact:version) into a directory unless the jar is there.
fetch_jar() { # $1: coordinates, $2: directory, $3: expected file
  [ -f "$3" ] || mvn -B -q -N dependency:copy -Dartifact="$1" -DoutputDirectory="$2"
}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

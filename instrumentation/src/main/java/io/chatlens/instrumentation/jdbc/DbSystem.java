package io.chatlens.instrumentation.jdbc;

/**
 * Well-known values of the OpenTelemetry semantic-conventions attribute {@code db.system.name}
 * (registry group {@code registry.db}) for the databases a JDBC URL can name.
 */
public final class DbSystem {

  /** H2 Database. */
  public static final String H2 = "h2database";
  /** PostgreSQL. */
  public static final String POSTGRESQL = "postgresql";
  /** MySQL. */
  public static final String MYSQL = "mysql";
  /** MariaDB. */
  public static final String MARIADB = "mariadb";
  /** SQLite. */
  public static final String SQLITE = "sqlite";
  /** Oracle Database. */
  public static final String ORACLE = "oracle.db";
  /** Microsoft SQL Server, through the Microsoft driver or jTDS. */
  public static final String SQL_SERVER = "microsoft.sql_server";
  /** HyperSQL Database. */
  public static final String HSQLDB = "hsqldb";
  /** Apache Derby. */
  public static final String DERBY = "derby";
  /** IBM Db2, including Db2 for i through the {@code as400} subprotocol. */
  public static final String DB2 = "ibm.db2";
  /** ClickHouse. */
  public static final String CLICKHOUSE = "clickhouse";
  /** Trino. */
  public static final String TRINO = "trino";
  /** SAP HANA. */
  public static final String SAP_HANA = "sap.hana";
  /** Amazon Redshift. */
  public static final String REDSHIFT = "aws.redshift";
  /** Firebird. */
  public static final String FIREBIRD = "firebirdsql";
  /** IBM Informix. */
  public static final String INFORMIX = "ibm.informix";
  /** Some other SQL database: the fallback. */
  public static final String OTHER_SQL = "other_sql";

  private DbSystem() {}
}

package dev.kup.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.testkit.engine.EngineTestKit;

@ExtendWith(PostgresExtension.class)
class PostgresExtensionIT {

  private static TestDatabase outer;

  @BeforeAll
  static void createATableInTheClassSchema(TestDatabase database) throws SQLException {
    outer = database;
    update(database, "CREATE TABLE items (id int)");
    update(database, "INSERT INTO items VALUES (1)");
  }

  @Test
  void schemaExistsWhileTheClassRuns(TestDatabase database) throws SQLException {
    assertThat(database.schema()).matches("t_postgresextensionit_[0-9a-f]{8}");
    assertThat(schemaExists(database, database.schema())).isTrue();
  }

  @Test
  void unqualifiedTablesLandInTheClassSchema(TestDatabase database) throws SQLException {
    assertThat(query(database, "SELECT count(*) FROM items")).containsExactly("1");
    assertThat(
            query(
                database,
                "SELECT table_schema FROM information_schema.tables WHERE table_name = 'items'"))
        .contains(database.schema());
  }

  @Test
  void dataSourceOpensConnectionsInTheClassSchema(TestDatabase database) throws SQLException {
    try (Connection connection = database.dataSource().getConnection();
        Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery("SELECT current_schema()")) {
      result.next();
      assertThat(result.getString(1)).isEqualTo(database.schema());
    }
  }

  @Test
  void hidesThePasswordFromToString() {
    TestDatabase database = new TestDatabase("jdbc:postgresql://h/d", "u", "secret", "s");

    assertThat(database.toString()).doesNotContain("secret").contains("***");
  }

  @Nested
  class NestedClass {

    @Test
    void getsASchemaOfItsOwnThatDoesNotSeeTheOuterTables(TestDatabase database)
        throws SQLException {
      assertThat(database.schema()).startsWith("t_nestedclass_").isNotEqualTo(outer.schema());

      update(database, "CREATE TABLE items (id int)");

      assertThat(query(database, "SELECT count(*) FROM items")).containsExactly("0");
    }
  }

  @Test
  void dropsEachClassSchemaAfterTheClass(TestDatabase database) throws SQLException {
    SeparateClassA.seen.clear();
    SeparateClassB.seen.clear();

    EngineTestKit.engine("junit-jupiter")
        .selectors(selectClass(SeparateClassA.class), selectClass(SeparateClassB.class))
        .execute()
        .testEvents()
        .assertStatistics(stats -> stats.succeeded(2).failed(0));

    String schemaA = SeparateClassA.seen.get(0).schema();
    String schemaB = SeparateClassB.seen.get(0).schema();
    assertThat(schemaA).isNotEqualTo(schemaB);
    assertThat(schemaExists(database, schemaA)).isFalse();
    assertThat(schemaExists(database, schemaB)).isFalse();
  }

  /** Run only through EngineTestKit above: failsafe skips nested classes. */
  @ExtendWith(PostgresExtension.class)
  static class SeparateClassA {
    static final List<TestDatabase> seen = new ArrayList<>();

    @Test
    void ownsItsTableOfACommonName(TestDatabase database) throws SQLException {
      seen.add(database);
      createCommonTableWithOneRow(database);
    }
  }

  /** Run only through EngineTestKit above: failsafe skips nested classes. */
  @ExtendWith(PostgresExtension.class)
  static class SeparateClassB {
    static final List<TestDatabase> seen = new ArrayList<>();

    @Test
    void ownsItsTableOfACommonName(TestDatabase database) throws SQLException {
      seen.add(database);
      createCommonTableWithOneRow(database);
    }
  }

  /** Fails in a schema that another class has already used. */
  private static void createCommonTableWithOneRow(TestDatabase database) throws SQLException {
    update(database, "CREATE TABLE common_name (id int)");
    update(database, "INSERT INTO common_name VALUES (1)");
    assertThat(query(database, "SELECT count(*) FROM common_name")).containsExactly("1");
  }

  private static boolean schemaExists(TestDatabase database, String schema) throws SQLException {
    return query(
                database,
                "SELECT schema_name FROM information_schema.schemata"
                    + " WHERE schema_name = '"
                    + schema
                    + "'")
            .size()
        == 1;
  }

  private static void update(TestDatabase database, String sql) throws SQLException {
    try (Connection connection = database.connect();
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  private static List<String> query(TestDatabase database, String sql) throws SQLException {
    try (Connection connection = database.connect();
        Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery(sql)) {
      List<String> values = new ArrayList<>();
      while (result.next()) {
        values.add(result.getString(1));
      }
      return values;
    }
  }
}

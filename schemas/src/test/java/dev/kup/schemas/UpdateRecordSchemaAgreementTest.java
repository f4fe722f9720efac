package dev.kup.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The published JSON Schema and {@link UpdateRecordParser} must accept and reject the same
 * documents, so that a producer validating with the schema in any language is never surprised by a
 * dead letter for a contract reason (and vice versa).
 */
class UpdateRecordSchemaAgreementTest {
  private static final JsonSchemaFactory FACTORY =
      JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
  private static final SchemaValidatorsConfig CONFIG =
      SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
  private static final JsonSchema SCHEMA = FACTORY.getSchema(UpdateRecordSchema.open(), CONFIG);
  private static final ObjectMapper EXACT =
      JsonMapper.builder()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
          .build();

  private final UpdateRecordParser parser = new UpdateRecordParser();

  static Stream<Arguments> samples() {
    return Stream.of(
        accepted("minimal update", "{'table':'t','key':{'id':1},'version':0,'set':{'a':1}}"),
        accepted(
            "every field",
            "{'table':'accounts','key':{'id':42},'version':7,'op':'update','set':{'s':'x','n':null,"
                + "'b':false,'d':0.10},'increment':{'bal':-12.5,'ops':1},'id':'r-1',"
                + "'ts':'2024-05-01T14:00:00.250+02:00'}"),
        accepted(
            "update by increment only",
            "{'table':'t','key':{'id':1},'version':1,'increment':{'n':1}}"),
        accepted(
            "upsert without version", "{'table':'t','key':{'id':'a'},'op':'upsert','set':{'a':1}}"),
        accepted(
            "upsert with version",
            "{'table':'t','key':{'id':1},'version':4,'op':'upsert','set':{'a':1}}"),
        accepted("delete", "{'table':'t','key':{'id':1},'version':9,'op':'delete'}"),
        accepted(
            "delete with empty set",
            "{'table':'t','key':{'id':1},'version':9,'op':'delete','set':{}}"),
        accepted(
            "composite key",
            "{'table':'ol','key':{'order_id':7,'line':3},'version':1,'set':{'q':2}}"),
        accepted(
            "string, decimal and boolean keys",
            "{'table':'t','key':{'s':'x','d':1.5,'b':true},'version':1,'set':{'q':2}}"),
        accepted(
            "integral decimal version", "{'table':'t','key':{'id':1},'version':7.0,'set':{'a':1}}"),
        accepted(
            "version in exponent form", "{'table':'t','key':{'id':1},'version':1e2,'set':{'a':1}}"),
        rejected(
            "fractional version in exponent form",
            "{'table':'t','key':{'id':1},'version':15e-1,'set':{'a':1}}"),
        accepted(
            "largest version",
            "{'table':'t','key':{'id':1},'version':9223372036854775807,'set':{'a':1}}"),
        accepted(
            "huge numbers",
            "{'table':'t','key':{'id':123456789012345678901234567890},'version':1,'set':{'a':1e400}}"),
        accepted("empty id", "{'table':'t','key':{'id':1},'version':1,'set':{'a':1},'id':''}"),
        accepted(
            "ts in UTC with nanos",
            "{'table':'t','key':{'id':1},'version':1,'set':{'a':1},'ts':'2024-05-01T12:00:00.123456789Z'}"),
        accepted(
            "ts at the largest offset",
            "{'table':'t','key':{'id':1},'version':1,'set':{'a':1},'ts':'2024-05-01T12:00:00-18:00'}"),
        accepted(
            "ts on a leap day",
            "{'table':'t','key':{'id':1},'version':1,'set':{'a':1},'ts':'2024-02-29T12:00:00Z'}"),
        accepted(
            "unicode names and values",
            "{'table':'t\u00e9','key':{'\u4e2d':'\ud83d\ude00'},'version':1,'set':{'\u00e9':'x'}}"),
        rejected("misspelt field", "{'table':'t','key':{'id':1},'version':1,'sett':{'a':1}}"),
        rejected("extra field", "{'table':'t','key':{'id':1},'version':1,'set':{'a':1},'x':1}"),
        rejected("missing table", "{'key':{'id':1},'version':1,'set':{'a':1}}"),
        rejected("empty table", "{'table':'','key':{'id':1},'version':1,'set':{'a':1}}"),
        rejected("table with colon", "{'table':'a:b','key':{'id':1},'version':1,'set':{'a':1}}"),
        rejected("null table", "{'table':null,'key':{'id':1},'version':1,'set':{'a':1}}"),
        rejected("missing key", "{'table':'t','version':1,'set':{'a':1}}"),
        rejected("empty key", "{'table':'t','key':{},'version':1,'set':{'a':1}}"),
        rejected("key array", "{'table':'t','key':[1],'version':1,'set':{'a':1}}"),
        rejected("null key value", "{'table':'t','key':{'id':null},'version':1,'set':{'a':1}}"),
        rejected("nested key value", "{'table':'t','key':{'id':[1]},'version':1,'set':{'a':1}}"),
        rejected("empty key column", "{'table':'t','key':{'':1},'version':1,'set':{'a':1}}"),
        rejected("text version", "{'table':'t','key':{'id':1},'version':'7','set':{'a':1}}"),
        rejected("negative version", "{'table':'t','key':{'id':1},'version':-1,'set':{'a':1}}"),
        rejected("fractional version", "{'table':'t','key':{'id':1},'version':1.5,'set':{'a':1}}"),
        rejected(
            "version beyond long",
            "{'table':'t','key':{'id':1},'version':9223372036854775808,'set':{'a':1}}"),
        rejected("null version", "{'table':'t','key':{'id':1},'version':null,'set':{'a':1}}"),
        rejected("update without version", "{'table':'t','key':{'id':1},'set':{'a':1}}"),
        rejected(
            "explicit update without version",
            "{'table':'t','key':{'id':1},'op':'update','set':{'a':1}}"),
        rejected("delete without version", "{'table':'t','key':{'id':1},'op':'delete'}"),
        rejected(
            "unknown op", "{'table':'t','key':{'id':1},'version':1,'op':'merge','set':{'a':1}}"),
        rejected(
            "upper-case op",
            "{'table':'t','key':{'id':1},'version':1,'op':'Update','set':{'a':1}}"),
        rejected("null op", "{'table':'t','key':{'id':1},'version':1,'op':null,'set':{'a':1}}"),
        rejected("update without changes", "{'table':'t','key':{'id':1},'version':1}"),
        rejected(
            "update with empty changes",
            "{'table':'t','key':{'id':1},'version':1,'set':{},'increment':{}}"),
        rejected("upsert without changes", "{'table':'t','key':{'id':1},'op':'upsert'}"),
        rejected(
            "delete with set",
            "{'table':'t','key':{'id':1},'version':1,'op':'delete','set':{'a':1}}"),
        rejected(
            "delete with increment",
            "{'table':'t','key':{'id':1},'version':1,'op':'delete','increment':{'a':1}}"),
        rejected("set array", "{'table':'t','key':{'id':1},'version':1,'set':[]}"),
        rejected(
            "null set", "{'table':'t','key':{'id':1},'version':1,'set':null,'increment':{'n':1}}"),
        rejected(
            "nested set value", "{'table':'t','key':{'id':1},'version':1,'set':{'a':{'b':1}}}"),
        rejected("empty set column", "{'table':'t','key':{'id':1},'version':1,'set':{'':1}}"),
        rejected(
            "text increment", "{'table':'t','key':{'id':1},'version':1,'increment':{'n':'1'}}"),
        rejected(
            "null increment", "{'table':'t','key':{'id':1},'version':1,'increment':{'n':null}}"),
        rejected(
            "boolean increment", "{'table':'t','key':{'id':1},'version':1,'increment':{'n':true}}"),
        rejected("numeric id", "{'table':'t','key':{'id':1},'version':1,'set':{'a':1},'id':7}"),
        rejected(
            "ts without offset",
            "{'table':'t','key':{'id':1},'version':1,'set':{'a':1},'ts':'2024-05-01T12:00:00'}"),
        rejected(
            "ts without seconds",
            "{'table':'t','key':{'id':1},'version':1,'set':{'a':1},'ts':'2024-05-01T12:00Z'}"),
        rejected(
            "ts date only",
            "{'table':'t','key':{'id':1},'version':1,'set':{'a':1},'ts':'2024-05-01'}"),
        rejected(
            "ts with space",
            "{'table':'t','key':{'id':1},'version':1,'set':{'a':1},'ts':'2024-05-01 12:00:00Z'}"),
        rejected(
            "ts impossible date",
            "{'table':'t','key':{'id':1},'version':1,'set':{'a':1},'ts':'2023-02-29T12:00:00Z'}"),
        rejected(
            "ts month 13",
            "{'table':'t','key':{'id':1},'version':1,'set':{'a':1},'ts':'2024-13-01T12:00:00Z'}"),
        rejected(
            "ts offset beyond 18h",
            "{'table':'t','key':{'id':1},'version':1,'set':{'a':1},'ts':'2024-05-01T12:00:00+19:00'}"),
        rejected(
            "ts leap second",
            "{'table':'t','key':{'id':1},'version':1,'set':{'a':1},'ts':'2016-12-31T23:59:60Z'}"),
        rejected(
            "ts epoch number",
            "{'table':'t','key':{'id':1},'version':1,'set':{'a':1},'ts':1714564800}"),
        rejected("array at top level", "[{'table':'t','key':{'id':1},'version':1,'set':{'a':1}}]"),
        rejected("string at top level", "'t'"));
  }

  /**
   * Rules JSON Schema cannot state: the schema's description lists them; the parser enforces them.
   */
  static Stream<Arguments> parserOnlyRules() {
    return Stream.of(
        Arguments.of(
            "duplicate field",
            "{'table':'t','key':{'id':1},'version':1,'version':2,'set':{'a':1}}"),
        Arguments.of(
            "duplicate column", "{'table':'t','key':{'id':1},'version':1,'set':{'a':1,'a':2}}"),
        Arguments.of(
            "column in set and increment",
            "{'table':'t','key':{'id':1},'version':1,'set':{'n':1},'increment':{'n':2}}"),
        Arguments.of(
            "overlong number",
            "{'table':'t','key':{'id':1},'version':1,'set':{'a':" + "1".repeat(1001) + "}}"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void schemaAndParserAgree(String name, String document, boolean valid) throws Exception {
    String json = document.replace('\'', '"');

    assertThat(schemaAccepts(json)).as("schema accepts %s", json).isEqualTo(valid);
    assertThat(parserAccepts(json)).as("parser accepts %s", json).isEqualTo(valid);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("parserOnlyRules")
  void parserEnforcesTheRulesTheSchemaOnlyDescribes(String name, String document) throws Exception {
    String json = document.replace('\'', '"');

    assertThat(parserAccepts(json)).isFalse();
    assertThat(SCHEMA.getSchemaNode().get("description").textValue())
        .contains("RULES THIS SCHEMA CANNOT STATE");
  }

  @Test
  void schemaIsAValidDraft202012Schema() throws Exception {
    JsonSchema metaSchema =
        FACTORY.getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));

    Set<ValidationMessage> errors = metaSchema.validate(EXACT.readTree(UpdateRecordSchema.json()));

    assertThat(errors).isEmpty();
    assertThat(SCHEMA.getSchemaNode().get("$id").textValue()).isEqualTo(UpdateRecordSchema.ID);
  }

  @Test
  void schemaExamplesAreValidRecords() throws Exception {
    for (JsonNode example : EXACT.readTree(UpdateRecordSchema.json()).get("examples")) {
      assertThat(schemaAccepts(example.toString())).as("schema accepts %s", example).isTrue();
      assertThat(parserAccepts(example.toString())).as("parser accepts %s", example).isTrue();
    }
  }

  @Test
  void schemaDocumentsTheKafkaKeyAndCanonicalForm() {
    assertThat(UpdateRecordSchema.json())
        .contains("KAFKA RECORD KEY")
        .contains("'accounts:42'")
        .contains("'order_lines:line=3,order_id=7'")
        .contains("'%' becomes '%25'");
  }

  private static boolean schemaAccepts(String json) throws Exception {
    Set<ValidationMessage> errors = SCHEMA.validate(EXACT.readTree(json));
    return errors.isEmpty();
  }

  private boolean parserAccepts(String json) {
    return parser.parse(json.getBytes(StandardCharsets.UTF_8)) instanceof DecodedUpdate.Valid;
  }

  private static Arguments accepted(String name, String document) {
    return Arguments.of(name, document, true);
  }

  private static Arguments rejected(String name, String document) {
    return Arguments.of(name, document, false);
  }
}

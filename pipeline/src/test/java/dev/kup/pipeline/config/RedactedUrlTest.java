package dev.kup.pipeline.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RedactedUrlTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
    "jdbc:postgresql://db:5432/app?user=kup&password=s3cret&ssl=true | jdbc:postgresql://db:5432/app?user=kup&password=[redacted]&ssl=true",
    "jdbc:postgresql://db/app?password=s3cret | jdbc:postgresql://db/app?password=[redacted]",
    "jdbc:postgresql://db/app?sslpassword=s3cret&sslmode=verify-full | jdbc:postgresql://db/app?sslpassword=[redacted]&sslmode=verify-full",
    "jdbc:mariadb://kup:s3cret@db:3306/app | jdbc:mariadb://kup:[redacted]@db:3306/app",
    "jdbc:mysql://kup:p@ss:w0rd@db/app | jdbc:mysql://kup:[redacted]@db/app",
    "postgresql://kup:s3cret@db/app | postgresql://kup:[redacted]@db/app",
    "jdbc:h2:file:./data/demo;USER=sa;PASSWORD=s3cret;MODE=PostgreSQL | jdbc:h2:file:./data/demo;USER=sa;PASSWORD=[redacted];MODE=PostgreSQL",
    "jdbc:sqlserver://db;user=kup;pwd=s3cret;encrypt=true | jdbc:sqlserver://db;user=kup;pwd=[redacted];encrypt=true",
    "jdbc:postgresql://db/app?oauth_token=abc&x=1 | jdbc:postgresql://db/app?oauth_token=[redacted]&x=1",
    "jdbc:postgresql://127.0.0.1:5432/test | jdbc:postgresql://127.0.0.1:5432/test",
    "jdbc:h2:mem:kup | jdbc:h2:mem:kup",
    "jdbc:postgresql://kup@db/app | jdbc:postgresql://kup@db/app"
  })
  void leavesNoSecretAndKeepsWhereItPoints(String url, String printed) {
    assertThat(RedactedUrl.of(url)).isEqualTo(printed);
    assertThat(RedactedUrl.of(url)).doesNotContain("s3cret").doesNotContain("w0rd");
  }
}

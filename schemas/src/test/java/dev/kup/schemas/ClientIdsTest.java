package dev.kup.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClientIdsTest {

  @Test
  void namesTheRoleTheHostAndTheProcess() {
    assertThat(ClientIds.of("kup-consumer", "kup-7d9f", 42)).isEqualTo("kup-consumer-kup-7d9f-42");
    assertThat(ClientIds.of("kup-cli", "Host Name/x", 1)).isEqualTo("kup-cli-host_name_x-1");
  }

  @Test
  void thisProcessIsNamedByItsPid() {
    assertThat(ClientIds.of("kup")).endsWith("-" + ProcessHandle.current().pid());
  }
}

package dev.kup.image;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kup.image.ImageMain.Program;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ImageMainTest {
  private static final Path HOME = Path.of("/app");

  @Test
  void noArgumentsRunTheConsumerService() {
    Program program = Program.of(new String[0], HOME);

    assertThat(program.jar()).isEqualTo(Path.of("/app/kup-consumer.jar"));
    assertThat(program.mainClass()).isEqualTo("dev.kup.consumer.KupConsumerMain");
    assertThat(program.args()).isEmpty();
  }

  @Test
  void theServicesOwnArgumentsGoToTheService() {
    Program program = Program.of(new String[] {"--config", "/etc/kup.properties"}, HOME);

    assertThat(program.mainClass()).isEqualTo(ImageMain.SERVICE_MAIN);
    assertThat(program.args()).containsExactly("--config", "/etc/kup.properties");
  }

  @Test
  void kupRunsTheCliWithTheRestOfTheArguments() {
    Program program = Program.of(new String[] {"kup", "replay", "--reason", "TYPE_MISMATCH"}, HOME);

    assertThat(program.jar()).isEqualTo(Path.of("/app/kup-cli.jar"));
    assertThat(program.mainClass()).isEqualTo("dev.kup.cli.KupCommand");
    assertThat(program.args()).containsExactly("replay", "--reason", "TYPE_MISMATCH");
  }

  @Test
  void bothMainClassesExistUnderTheNamesTheImageCalls() throws ClassNotFoundException {
    // the deploy module sees both programs (provided scope); a rename must break this, not the image
    assertThat(Class.forName(ImageMain.SERVICE_MAIN).getMethods()).anyMatch(m -> m.getName().equals("main"));
    assertThat(Class.forName(ImageMain.CLI_MAIN).getMethods()).anyMatch(m -> m.getName().equals("main"));
  }
}

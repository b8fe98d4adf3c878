package dev.tcpmem.io.security;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.jsontype.PolymorphicTypeValidator;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.tcpmem.io.InputFormatException;
import dev.tcpmem.io.ScenarioReader;
import dev.tcpmem.io.importers.ImportException;
import dev.tcpmem.io.importers.ImportResult;
import dev.tcpmem.io.importers.PodManifestImporter;
import dev.tcpmem.kernel.SysctlCatalog;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * No file makes the app create a class the file names: Jackson's polymorphic typing is never switched on (checked in
 * the bytecode, and by feeding type ids to the readers), and YAML is read as plain data (SnakeYAML's global tags
 * such as {@code !!javax.script.ScriptEngineManager} name no class that gets made).
 */
class NoCodeFromFilesTest {

    private static final SysctlCatalog CATALOG = SysctlCatalog.bundled();

    @Test
    void noProductionCodeTurnsOnPolymorphicTyping() {
        JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.tcpmem");
        noClasses().should().callMethod(ObjectMapper.class, "activateDefaultTyping", PolymorphicTypeValidator.class)
                .orShould().callMethodWhere(com.tngtech.archunit.core.domain.JavaCall.Predicates.target(
                        com.tngtech.archunit.core.domain.properties.HasName.Predicates.nameMatching(
                                "activateDefaultTyping.*|enableDefaultTyping.*|setDefaultTyping|activateDefaultTypingAsProperty")))
                .orShould().dependOnClassesThat().haveFullyQualifiedName(JsonTypeInfo.class.getName())
                .orShould().dependOnClassesThat().haveFullyQualifiedName("org.yaml.snakeyaml.Yaml")
                .because("a file must never name a class for the app to create; YAML goes through Jackson's tree only")
                .check(classes);
    }

    @Test
    void typeIdsInAScenarioAreRefusedAsUnknownFields() {
        String text = """
                {"format": "tcpmem-scenario/1", "name": "x",
                 "node": {"memory": "64GiB", "kernel": "6.1", "@class": "dev.tcpmem.io.security.Tripwire"},
                 "pods": [{"@type": "dev.tcpmem.io.security.Tripwire", "name": "p"}]}
                """;
        assertThatThrownBy(() -> new ScenarioReader(CATALOG).read(text, "typed.tcpmem.json"))
                .isInstanceOf(InputFormatException.class)
                .hasMessageContaining("$.node.@class: unknown field \"@class\"")
                .hasMessageContaining("$.pods[0].@type: unknown field \"@type\"");
        assertThat(TripwireFlag.TRIPPED).isFalse();
    }

    @Test
    void yamlTagsNamingClassesMakeNoObject() throws ImportException {
        String yaml = """
                kind: Pod
                metadata: {name: a}
                spec:
                  containers: [{name: c}]
                  nodeSelector: !!dev.tcpmem.io.security.Tripwire {}
                  tolerations: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL ["http://127.0.0.1:9/"]]]]
                """;
        ImportResult r = new PodManifestImporter(CATALOG).read(yaml, "evil.yaml", Optional.empty(), 32);
        assertThat(r.scenario().pod("a")).isPresent();
        assertThat(TripwireFlag.TRIPPED).as("the tagged class was neither loaded nor made").isFalse();
    }

    @Test
    void yamlAliasesAreNotExpandedSoTheyCannotGrow() throws ImportException {
        // an alias of a 3-entry sysctl list: if aliases were expanded the second pod would get the same sysctls
        String yaml = """
                kind: Pod
                metadata: {name: a}
                spec:
                  containers: [{name: c}]
                  securityContext:
                    sysctls: &s [{name: net.ipv4.tcp_sack, value: "0"}]
                ---
                kind: Pod
                metadata: {name: b}
                spec:
                  containers: [{name: c}]
                  securityContext:
                    sysctls: *s
                """;
        assertThatThrownBy(() -> new PodManifestImporter(CATALOG).read(yaml, "alias.yaml", Optional.empty(), 32))
                .isInstanceOf(ImportException.class)
                .hasMessageContaining("Pod b: securityContext.sysctls must be a list");
    }
}

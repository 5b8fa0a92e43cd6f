package com.cspguard.runtime;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KafkaClientSettingsTest {
    private static Properties config(Map<String, String> m) {
        Properties p = new Properties();
        p.putAll(m);
        return p;
    }

    @Test
    void saslNeedsAMechanismAndForPlainOrScramAJaasConfiguration() {
        assertThatThrownBy(() -> KafkaClientSettings.check(config(Map.of("security.protocol", "SASL_SSL")), false))
                .hasMessageContaining("needs KAFKA_SASL_MECHANISM");
        assertThatThrownBy(() -> KafkaClientSettings.check(config(Map.of("security.protocol", "SASL_SSL",
                "sasl.mechanism", "SCRAM-SHA-512")), false))
                .hasMessageContaining("needs KAFKA_SASL_JAAS_CONFIG").hasMessageContaining("ScramLoginModule");
        assertThatCode(() -> KafkaClientSettings.check(config(Map.of("security.protocol", "sasl_ssl",
                "sasl.mechanism", "PLAIN", "sasl.jaas.config", "x required;")), false)).doesNotThrowAnyException();
    }

    @Test
    void unknownProtocolsMissingStoresAndASecuredEmbeddedBrokerAreRefused() {
        assertThatThrownBy(() -> KafkaClientSettings.check(config(Map.of("security.protocol", "TLS")), false))
                .hasMessageContaining("KAFKA_SECURITY_PROTOCOL must be one of");
        assertThatThrownBy(() -> KafkaClientSettings.check(config(Map.of("security.protocol", "SSL",
                "ssl.truststore.location", "/nonexistent/truststore.p12")), false))
                .hasMessageContaining("KAFKA_SSL_TRUSTSTORE_LOCATION names /nonexistent/truststore.p12");
        assertThatThrownBy(() -> KafkaClientSettings.check(config(Map.of("security.protocol", "SSL")), true))
                .hasMessageContaining("embedded broker speaks PLAINTEXT only");
        assertThatCode(() -> KafkaClientSettings.check(config(Map.of()), true)).doesNotThrowAnyException();
    }
}

#!/bin/sh
# Run once by the compose service `topics` (apache/kafka image) after the broker is healthy:
# creates the update topic and its dead-letter topic with the same partition count, which kup
# requires when KUP_CREATE_TOPICS=false, and the router's input topic. --if-not-exists: a second
# `up` finds them and succeeds.
set -eu
for topic in "$TOPIC" "$DLQ_TOPIC" "$CDC_TOPIC"; do
  /opt/kafka/bin/kafka-topics.sh --bootstrap-server "$BOOTSTRAP_SERVERS" --create --if-not-exists \
    --topic "$topic" --partitions "$PARTITIONS" --replication-factor 1
done
/opt/kafka/bin/kafka-topics.sh --bootstrap-server "$BOOTSTRAP_SERVERS" --describe \
  --topic "$TOPIC"

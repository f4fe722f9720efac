{{- define "kup.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "kup.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else if contains (include "kup.name" .) .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name (include "kup.name" .) | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}

{{- define "kup.selectorLabels" -}}
app.kubernetes.io/name: {{ include "kup.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "kup.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{ include "kup.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{/* The router's names: its own name label, so that no selector of the consumer picks its pods. */}}
{{- define "kup.routerFullname" -}}
{{- printf "%s-router" (include "kup.fullname" . | trunc 56 | trimSuffix "-") }}
{{- end }}

{{- define "kup.routerSelectorLabels" -}}
app.kubernetes.io/name: {{ printf "%s-router" (include "kup.name" .) }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: router
{{- end }}

{{- define "kup.routerLabels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{ include "kup.routerSelectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{/* The Secret the pods read KUP_* secrets from: the operator's, the chart's, or none. */}}
{{- define "kup.secretName" -}}
{{- if .Values.secrets.existingSecret }}
{{- .Values.secrets.existingSecret }}
{{- else if .Values.secrets.values }}
{{- include "kup.fullname" . }}
{{- end }}
{{- end }}

{{/* A KUP_* name that holds a secret: it may never be put into the ConfigMap. */}}
{{- define "kup.isSecretSetting" -}}
{{- if regexMatch "^KUP_(DB_PASSWORD|KAFKA_.*(PASSWORD|JAAS|KEY|SECRET|TOKEN|CREDENTIAL).*)$" . }}true{{ end }}
{{- end }}

{{/* Every check that makes rendering fail, with a message that says what to change. */}}
{{- define "kup.validate" -}}
{{- $partitions := int .Values.kafka.partitions }}
{{- range $name, $value := .Values.settings }}
{{- if not (regexMatch "^KUP_[A-Z0-9_]+$" $name) }}
{{- fail (printf "settings.%s: settings are KUP_* names (see the README's configuration reference)" $name) }}
{{- end }}
{{- if include "kup.isSecretSetting" $name }}
{{- fail (printf "settings.%s is a secret: put it into secrets.existingSecret (or secrets.values), never into settings, which become a ConfigMap" $name) }}
{{- end }}
{{- end }}
{{- range $name, $value := .Values.secrets.values }}
{{- if not (regexMatch "^KUP_[A-Z0-9_]+$" $name) }}
{{- fail (printf "secrets.values.%s: secret settings are KUP_* names" $name) }}
{{- end }}
{{- end }}
{{- if and .Values.autoscaling.keda.enabled .Values.autoscaling.hpa.enabled }}
{{- fail "autoscaling: enable keda or hpa, not both" }}
{{- end }}
{{- if and .Values.autoscaling.keda.enabled (gt (int .Values.autoscaling.keda.maxReplicaCount) $partitions) }}
{{- fail (printf "autoscaling.keda.maxReplicaCount (%d) is above kafka.partitions (%d): consumers beyond the partition count would sit idle" (int .Values.autoscaling.keda.maxReplicaCount) $partitions) }}
{{- end }}
{{- if and .Values.autoscaling.keda.enabled (gt (int .Values.autoscaling.keda.minReplicaCount) (int .Values.autoscaling.keda.maxReplicaCount)) }}
{{- fail "autoscaling.keda.minReplicaCount is above autoscaling.keda.maxReplicaCount" }}
{{- end }}
{{- if and .Values.autoscaling.hpa.enabled (gt (int .Values.autoscaling.hpa.maxReplicas) $partitions) }}
{{- fail (printf "autoscaling.hpa.maxReplicas (%d) is above kafka.partitions (%d): consumers beyond the partition count would sit idle" (int .Values.autoscaling.hpa.maxReplicas) $partitions) }}
{{- end }}
{{- if .Values.router.enabled }}
{{- if not .Values.router.inputTopics }}
{{- fail "router.inputTopics: the router needs the topics it reads (KUP_ROUTER_INPUT_TOPICS)" }}
{{- end }}
{{- range $name, $value := .Values.router.settings }}
{{- if not (regexMatch "^KUP_[A-Z0-9_]+$" $name) }}
{{- fail (printf "router.settings.%s: settings are KUP_* names (see the README's configuration reference)" $name) }}
{{- end }}
{{- if include "kup.isSecretSetting" $name }}
{{- fail (printf "router.settings.%s is a secret: put it into router.existingSecret, never into settings, which become a ConfigMap" $name) }}
{{- end }}
{{- if hasPrefix "KUP_DB_" $name }}
{{- fail (printf "router.settings.%s: the router uses no database" $name) }}
{{- end }}
{{- end }}
{{- if le (int .Values.router.terminationGracePeriodSeconds) (add (int .Values.router.shutdownTimeoutSeconds) 10 | int) }}
{{- fail (printf "router.terminationGracePeriodSeconds (%d) must exceed router.shutdownTimeoutSeconds + 10 (%d)" (int .Values.router.terminationGracePeriodSeconds) (add (int .Values.router.shutdownTimeoutSeconds) 10 | int)) }}
{{- end }}
{{- end }}
{{- if le (int .Values.terminationGracePeriodSeconds) (add (int .Values.shutdownTimeoutSeconds) 10 | int) }}
{{- fail (printf "terminationGracePeriodSeconds (%d) must exceed shutdownTimeoutSeconds + 10 (%d): the service finishes in-flight batches within the timeout, then closes" (int .Values.terminationGracePeriodSeconds) (add (int .Values.shutdownTimeoutSeconds) 10 | int)) }}
{{- end }}
{{- end }}

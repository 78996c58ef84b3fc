# One stateless MotCua process kind (api or worker): Deployment, HPA on CPU, PodDisruptionBudget.
variable "name" {
  type = string
}

variable "namespace" {
  type = string
}

variable "labels" {
  type = map(string)
}

variable "image" {
  type = string
}

variable "image_pull_secret" {
  type    = string
  default = null
}

variable "command" {
  type = list(string)
}

variable "size" {
  type = object({
    min_replicas       = number
    max_replicas       = number
    cpu_target_percent = number
    cpu_request        = string
    cpu_limit          = string
    memory_request     = string
    memory_limit       = string
  })
}

variable "config_map" {
  type = string
}

variable "secret" {
  type = string
}

variable "http_port" {
  description = "The port probes and the service use; null for a process without HTTP (the worker)."
  type        = number
  default     = null
}

variable "checksum" {
  description = "Changes when the configuration does, so pods restart to read it."
  type        = string
}

locals {
  labels = merge(var.labels, { "app.kubernetes.io/component" = var.name })
}

resource "kubernetes_deployment_v1" "this" {
  metadata {
    name      = "motcua-${var.name}"
    namespace = var.namespace
    labels    = local.labels
  }
  spec {
    replicas = var.size.min_replicas
    selector {
      match_labels = local.labels
    }
    strategy {
      type = "RollingUpdate"
      rolling_update {
        max_surge       = "25%"
        max_unavailable = "0"
      }
    }
    template {
      metadata {
        labels = local.labels
        annotations = {
          "motcua/config-checksum" = var.checksum
          "prometheus.io/scrape"   = var.http_port == null ? "false" : "true"
          "prometheus.io/port"     = var.http_port == null ? "" : tostring(var.http_port)
        }
      }
      spec {
        # SIGTERM: 5 s unready while serving (endpoints drop the pod), then in-flight requests and
        # jobs finish within SHUTDOWN_TIMEOUT_SECONDS (25 s); the kubelet kills only after this.
        termination_grace_period_seconds = 40
        dynamic "image_pull_secrets" {
          for_each = var.image_pull_secret == null ? [] : [var.image_pull_secret]
          content {
            name = image_pull_secrets.value
          }
        }
        topology_spread_constraint {
          max_skew           = 1
          topology_key       = "kubernetes.io/hostname"
          when_unsatisfiable = "ScheduleAnyway"
          label_selector {
            match_labels = local.labels
          }
        }
        security_context {
          run_as_non_root = true
          run_as_user     = 1000
          fs_group        = 1000
        }
        container {
          name    = var.name
          image   = var.image
          command = var.command
          env_from {
            config_map_ref {
              name = var.config_map
            }
          }
          env_from {
            secret_ref {
              name = var.secret
            }
          }
          resources {
            requests = {
              cpu    = var.size.cpu_request
              memory = var.size.memory_request
            }
            limits = {
              cpu    = var.size.cpu_limit
              memory = var.size.memory_limit
            }
          }
          security_context {
            allow_privilege_escalation = false
            read_only_root_filesystem  = true
            capabilities {
              drop = ["ALL"]
            }
          }
          volume_mount {
            name       = "tmp"
            mount_path = "/tmp"
          }
          dynamic "port" {
            for_each = var.http_port == null ? [] : [var.http_port]
            content {
              name           = "http"
              container_port = port.value
            }
          }
          dynamic "readiness_probe" {
            for_each = var.http_port == null ? [] : [var.http_port]
            content {
              http_get {
                path = "/readyz"
                port = readiness_probe.value
              }
              period_seconds    = 2
              failure_threshold = 1
              timeout_seconds   = 2
            }
          }
          dynamic "liveness_probe" {
            for_each = var.http_port == null ? [] : [var.http_port]
            content {
              http_get {
                path = "/healthz"
                port = liveness_probe.value
              }
              initial_delay_seconds = 30
              period_seconds        = 10
              failure_threshold     = 3
            }
          }
        }
        volume {
          name = "tmp"
          empty_dir {}
        }
      }
    }
  }
  lifecycle {
    # The HPA owns the replica count after creation.
    ignore_changes = [spec[0].replicas]
  }
}

resource "kubernetes_horizontal_pod_autoscaler_v2" "this" {
  metadata {
    name      = "motcua-${var.name}"
    namespace = var.namespace
    labels    = local.labels
  }
  spec {
    min_replicas = var.size.min_replicas
    max_replicas = var.size.max_replicas
    scale_target_ref {
      api_version = "apps/v1"
      kind        = "Deployment"
      name        = kubernetes_deployment_v1.this.metadata[0].name
    }
    metric {
      type = "Resource"
      resource {
        name = "cpu"
        target {
          type                = "Utilization"
          average_utilization = var.size.cpu_target_percent
        }
      }
    }
    behavior {
      scale_down {
        stabilization_window_seconds = 300
        select_policy                = "Max"
        policy {
          type           = "Pods"
          value          = 1
          period_seconds = 60
        }
      }
    }
  }
}

resource "kubernetes_pod_disruption_budget_v1" "this" {
  metadata {
    name      = "motcua-${var.name}"
    namespace = var.namespace
    labels    = local.labels
  }
  spec {
    min_available = 1
    selector {
      match_labels = local.labels
    }
  }
}

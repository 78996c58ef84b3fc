variable "namespace" {
  type = string
}

resource "kubernetes_namespace_v1" "this" {
  metadata {
    name = var.namespace
    labels = {
      "app.kubernetes.io/part-of"          = "motcua"
      "pod-security.kubernetes.io/enforce" = "baseline"
    }
  }
}

# Nothing outside the namespace reaches the data services; the ingress controller reaches the API.
resource "kubernetes_network_policy_v1" "same_namespace_only" {
  metadata {
    name      = "same-namespace-only"
    namespace = kubernetes_namespace_v1.this.metadata[0].name
  }
  spec {
    pod_selector {}
    policy_types = ["Ingress"]
    ingress {
      from {
        pod_selector {}
      }
    }
  }
}

resource "kubernetes_network_policy_v1" "api_from_ingress" {
  metadata {
    name      = "api-from-ingress"
    namespace = kubernetes_namespace_v1.this.metadata[0].name
  }
  spec {
    pod_selector {
      match_labels = {
        "app.kubernetes.io/component" = "api"
      }
    }
    policy_types = ["Ingress"]
    ingress {
      from {
        namespace_selector {}
      }
      ports {
        port     = "3000"
        protocol = "TCP"
      }
    }
  }
}

output "name" {
  value = kubernetes_namespace_v1.this.metadata[0].name
}

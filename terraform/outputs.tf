output "url" {
  description = "The public address."
  value       = "https://${var.public_host}"
}

output "postgres_primary_service" {
  description = "Read-write service of the CloudNativePG cluster (replicas: the -ro service)."
  value       = module.postgres.primary_service
}

output "namespace" {
  value = module.namespace.name
}

ALTER TABLE "sso_flows" ADD COLUMN "address_hash" text;--> statement-breakpoint
CREATE INDEX "sso_flows_address" ON "sso_flows" USING btree ("address_hash","expires_at");
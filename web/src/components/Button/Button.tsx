import type { ButtonHTMLAttributes } from "react";
import "./Button.css";

export type ButtonVariant = "primary" | "secondary" | "warning" | "link";

/** The class names for a button look; also used on links that act as the primary action. */
export function buttonClassName(variant: ButtonVariant = "primary", extra?: string): string {
  const classes = ["button"];
  if (variant !== "primary") classes.push(`button--${variant}`);
  if (extra) classes.push(extra);
  return classes.join(" ");
}

interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: ButtonVariant;
}

/** A button that says what it does ("Sign in", "Add incident"), never "Submit". */
export function Button({ variant = "primary", className, type = "button", ...rest }: ButtonProps) {
  return <button type={type} className={buttonClassName(variant, className)} {...rest} />;
}

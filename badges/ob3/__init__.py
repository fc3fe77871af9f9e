"""Open Badges 3.0: awards and certificates as signed verifiable credentials (VC-JWT), the issuer's keys and
profile, revocation through a Bitstring Status List, baking into images, and checking a credential.

Spec: https://www.imsglobal.org/spec/ob/v3p0/ (sections 5.3 baking, 8.2 VC-JWT) and
https://www.w3.org/TR/vc-bitstring-status-list/."""

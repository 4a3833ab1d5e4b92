/**
 * The fictional cast of the emulated cards. Every name is plainly fictional; every NIR is made up but has a
 * correct key and agrees with the person's sex, birth date and birth place, as a real one would. The mock
 * platform's seed (mock-platform/) describes the same people as the national registries know them; the
 * two are kept in agreement by a test, the way a real Vitale card and INSi agree.
 */
/** TRE_G15 profession code and label; absent for establishment staff without a health profession. */
export interface Profession {
    readonly code: string;
    readonly label: string;
}
/** TRE_R01 specialty ("savoir-faire") code and label. */
export interface Specialty {
    readonly code: string;
    readonly label: string;
}
export interface ProfessionalCardSpec {
    readonly kind: 'cps' | 'cpe';
    readonly label: string;
    /** National id: prefix `8` + RPPS (11 digits), or `3` + FINESS + `/` + internal id for a CPE. */
    readonly nationalId: string;
    readonly lastName: string;
    readonly firstName: string;
    readonly civility: 'M' | 'MME' | 'DR';
    readonly profession?: Profession;
    readonly specialty?: Specialty;
    /** Practice situations written on the card (`CPS_ACTIVITY_nn_PS`). */
    readonly activities: readonly PracticeSituation[];
    /** What the person does in the demo and tests; shown by `cards list`. */
    readonly role: string;
}
export interface PracticeSituation {
    /** Structure national id (`1` + FINESS, `0` + ADELI cabinet, …). */
    readonly structureId: string;
    readonly structureName: string;
    /** TRE_R02 activity sector (`SA07` cabinet individuel, `SA01` établissement public de santé, …). */
    readonly sector: string;
    /** TRE_R85 role in the structure, for establishment staff. */
    readonly roleCode?: string;
    /** A SAMU regulation situation: a regulation physician's activity at a centre 15 (see `ActivitySchema`). */
    readonly medicalRegulation?: boolean;
}
export interface VitaleBeneficiary {
    readonly birthName: string;
    readonly usedName: string;
    readonly firstNames: readonly string[];
    /** Exactly as on the card, `DDMMYYYY`; "lunar" dates keep their 00 day or month. */
    readonly birthDateOnCard: string;
    /** 1 for most people; twins born the same day are 1 and 2. */
    readonly birthRank: number;
    readonly sex: 'M' | 'F';
    /** 15 characters: 13-character body + key. For a child on a parent's card, the child's own NIR. */
    readonly nir: string;
    /** `assure` for the holder, `enfant` / `conjoint` for the others (SESAM-Vitale "qualité"). */
    readonly quality: 'assure' | 'conjoint' | 'enfant';
}
export interface VitaleCardSpec {
    readonly kind: 'vitale';
    readonly label: string;
    /** The NIR the card is issued under (the insured person's). */
    readonly holderNir: string;
    readonly beneficiaries: readonly VitaleBeneficiary[];
    readonly role: string;
}
export interface OrganisationSpec {
    readonly kind: 'org';
    readonly label: string;
    /** FINESS of the legal entity (entité juridique). */
    readonly legalFiness: string;
    /** FINESS of the site (établissement géographique): it differs from the legal entity's. */
    readonly siteFiness: string;
    readonly name: string;
    readonly sector: string;
    readonly role: string;
}
export type CardSpec = ProfessionalCardSpec | VitaleCardSpec | OrganisationSpec;
export declare const PROFESSIONAL_CARDS: readonly ProfessionalCardSpec[];
export declare const ORGANISATIONS: readonly OrganisationSpec[];
/**
 * A structure whose ORG certificates are software (a cabinet installs the .p12 ANS sends it), not a token: what
 * the sign-in with e-CPS uses on that structure's workstation. The certificates name the structure by its
 * national id (CN and OU) and its name (O), as the mock's Pro Santé Connect registered Passerelle's client.
 */
export interface PracticeCertificateSpec {
    readonly label: string;
    readonly structure: PracticeSituation;
    readonly role: string;
}
/** The GP's cabinet: Dr Lumière signs in there with her e-CPS when her card is not in the reader. */
export declare const PRACTICE_CERTIFICATES: readonly PracticeCertificateSpec[];
export declare const VITALE_CARDS: readonly VitaleCardSpec[];
export declare const CAST: readonly CardSpec[];
/** Test PINs of the emulated cards; printed as test values, never used for real cards. */
export declare const TEST_PIN = "1234";
export declare const TEST_PUK = "12345678";

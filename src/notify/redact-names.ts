/**
 * Word lists behind the name rules of the redactor. Every person name is PHI (Safe Harbor #1) and the redactor cannot
 * tell a patient from a clinician, so it leans towards redacting: a given name from this list followed by a capitalised
 * word is a name; so is a capitalised pair in which neither word is ordinary work-item vocabulary.
 */

const GIVEN = `aaron abigail adam adrian aiden alan albert alex alexander alexandra alice alicia allison amanda amber amy
ana andre andrea andrew angela anita ann anna anne annie anthony antonio april arthur ashley austin barbara benjamin
betty beverly bill billy bobby bonnie brandon brenda brian brittany bruce bryan caleb carl carla carlos carmen carol
caroline carolyn catherine charles charlotte cheryl chloe chris christian christina christine christopher cindy claire
clara craig crystal cynthia daniel danielle darlene david dean deborah debra denise dennis derek diana diane dolores
donald donna doris dorothy douglas dylan earl edith edward eileen elaine eleanor elijah elizabeth ellen emily emma
eric erica erin ethan eugene evelyn frances francisco frank fred gabriel gail gary george gerald gladys gloria grace
gregory hannah harold harry heather helen henry holly howard irene isaac isabella jack jacob jacqueline james jamie
jane janet janice jason jean jeffrey jennifer jeremy jerry jesse jessica jesus jill joan joe joel john johnny jonathan
jordan jorge jose joseph joshua joyce juan judith judy julia julie justin karen katherine kathleen kathryn kathy
katie keith kelly kenneth kevin kimberly kyle larry laura lauren lawrence leah lee leonard leslie liam lillian linda
lisa logan lori louis louise lucas lucy luis madison margaret maria marie marilyn mario mark martha martin mary
mason matthew megan melissa michael michelle mildred miguel mohammed monica nancy natalie nathan nicholas nicole noah
norma olivia oscar pamela patricia patrick paul paula peggy peter philip phyllis priya rachel ralph ramon randy raymond
rebecca regina richard rita robert roberto robin roger ronald rose roy ruby russell ruth ryan samantha samuel sandra
sara sarah scott sean sharon shirley sofia sophia stephanie stephen steven susan tammy tanya teresa terry theresa
thomas timothy tina todd tony tracy tyler valerie vanessa victor victoria vincent virginia walter wanda wayne wei
william willie yolanda zachary ahmed fatima mei hiroshi raj anil deepa olga ivan dmitri kofi amara chen lin`;

const SURNAMES = `adams allen alvarez anderson bailey baker barnes bell bennett brooks brown bryant butler campbell
carter castillo chavez clark coleman collins cook cooper cox cruz davis diaz edwards evans fisher flores ford foster
garcia gomez gonzalez gordon graham gray green griffin hall hamilton harris hayes henderson hernandez hill holmes
howard hughes hunt jackson james jenkins johnson jones jordan kelly kennedy kim king lee lewis long lopez martin
martinez mcdonald mendoza meyer miller mitchell moore morales morgan morris murphy murray myers nelson nguyen ortiz
owens parker patel perez perry peterson phillips powell price ramirez reed reyes reynolds richardson rivera roberts
robinson rodriguez rogers ross russell sanchez sanders schmidt scott shaw simmons smith stewart sullivan taylor thomas
thompson torres tran turner walker wallace ward washington watson white williams wilson wood wright young zhang wang
kowalski okafor nakamura singh gupta silva novak muller obrien oconnor murphy`;

/**
 * Capitalised words that are ordinary in healthcare IT work-item titles: English title words, departments, products,
 * regulations and vendors. A capitalised pair made only of words outside this list is treated as a person's name.
 */
const VOCABULARY = `a about access account accounts acknowledge active add admin administration admission admit adt
after agreement alert alerts all allergy ambulatory an analysis and api app apply approval approve approved archive
assessment assign at audit authorization auto automate automated backfill backlog backup badge baseline batch bed beds
before billing blood board bpa breach budget bug build bulk business by cabinet calendar call cancel capacity cardiology
care cart case catalog center centre change changes charge charges chart charting check checklist claims clean
cleanup clinic clinical clinician clinicians close closeout code coding cold command committee communication
compliance component config configuration configure confirm connect connectivity consent content contingency
contract conversion convert coordinator copy create credential critical cross cutover dashboard data database
decommission default defect defects define delete deploy deployment design desk device devices diagnostic dictation
discharge disaster document documentation documents downtime draft dress drill dry ed editor education emergency
enable encounter encryption end endpoint enrollment enterprise entry environment epic error errors escalation
evaluate event exchange exit export extract facility failover fax feed feeds file final finance fix flow flowsheet
flowsheets follow for form forms from front full gap gate go golive governance group guide hand handoff hardware
health help high home hospital hub identity image imaging implementation import improvement in inbox incident
infection inpatient install integration interface interfaces internal inventory investigate is issue it job kickoff lab
label labels labs launch layer lead level license link list live load lock log login logs maintenance manage manager
map mapping master medical medication medications meeting message messages metrics migrate migration mobile mock
model module monitor monitoring network new no note notes notice notification nurse nursing of on onboarding oncology
open operating operations optimization order orders out outpatient overview owner pacs page pager panel parallel
password patch path patient patients payer pediatric pending performance pharmacy phase phone pilot plan planning
platform point policy portal post pre prep preparation prescribing print printer printers privacy procedure process
production profile program project provider providers provisioning pull push qa quality query queue radiology ready
readiness real record records recovery reduce refresh registration regulatory release remediate remediation remote
remove report reporting reports request requests required requirements resolve resource respiratory results retire
review revenue risk rollback rollout room rooms route routing rule rules run safety scan schedule scheduling scope
screen script secure security send server service services session set setup sign signoff signature site smart
smoke snapshot specimen staff staffing standard standup start status steering storage strategy stress submit
super support surgery surgical switch sync system systems table tablet task team teams template templates test
testing the ticket tier timeline to token tool track tracker training transfer transition triage troubleshoot tune
update updates upgrade upload urgent usage user users validate validation vendor verify version view virtual visit
vpn walkthrough ward warehouse web week weekend wifi wireless with work workflow workflows workstation workstations
write xray
cerner oracle meditech allscripts athenahealth eclinicalworks nextgen imprivata kronos workday citrix azure aws okta
rhapsody cloverleaf mirth hyland onbase nuance dragon philips siemens sectra agfa fujifilm ge carestream powerscribe
mychart willow beaker cupid radiant stork optime anesthesia haiku canto rover hyperspace hyperdrive caboodle clarity
cogito healthy planet tapestry resolute prelude cadence grand central kaleidoscope beacon dorothea bugsy wisdom
servicenow jira asana confluence teams zoom webex vocera spok tigerconnect pyxis omnicell alaris baxter
surescripts epcs dea hl7 fhir dicom ccda cda x12 ihe hie hipaa hitech onc cms joint commission tjc oig ocr soc
sso mfa ldap ad vpn vdi emr ehr lis ris pacs mar bcma cpoe pdmp eprescribing telehealth telemedicine epiccare
ambulatory inpatient ed or icu nicu picu pacu ob l&d medsurg ortho neuro cardio gi ent urology dermatology psychiatry
behavioral dental vision podiatry physical occupational speech therapy rehab lab pathology blood bank transfusion
north south east west main annex tower campus street avenue road county general memorial regional community
university childrens st saint mercy valley river lake mountain bay
january february march april may june july august september october november december q1 q2 q3 q4 fy sprint
monday tuesday wednesday thursday friday saturday sunday
interim business associate baa dpa hipaa ciso cio cmio cnio cfo coo ceo pmo vp director chief officer
executive sponsor manager analyst engineer architect trainer principal consultant
medicine mark bill will grace rose may april june august jack frank chase victor hunter joy faith hope art dean
drew gene guy ray pat sue rob max don wade sandy summer autumn dawn crystal amber ruby pearl iris holly ivy jade
olive penny sky long white green gray young price wood bell cook hill reed ford king
ask contact notify meet remind escalate inform email text ping`;

function toSet(list: string): Set<string> {
  return new Set(list.split(/\s+/).filter((w) => w.length > 0));
}

export const GIVEN_NAMES: ReadonlySet<string> = toSet(GIVEN);
export const SURNAMES_SET: ReadonlySet<string> = toSet(SURNAMES);
export const TITLE_VOCABULARY: ReadonlySet<string> = toSet(VOCABULARY);

/** Words that, just before a capitalised word, say a person follows (clinical or family context). */
export const PERSON_CONTEXT = [
  'patient', 'pt', 'pts', 'member', 'resident', 'guarantor', 'subscriber', 'mother', 'father', 'son', 'daughter',
  'wife', 'husband', 'spouse', 'relative', 'employer', 'caregiver', 'guardian', 'decedent', 'newborn', 'baby',
  'infant', 'mr', 'mrs', 'ms', 'miss', 'mx', 'dr', 'prof', 'nurse', 'sister', 'brother', 'aunt', 'uncle', 'grandson',
  'granddaughter', 'parent', 'child', 'family', 'neighbour', 'neighbor',
];

export const HONORIFICS = ['Dr', 'Mr', 'Mrs', 'Ms', 'Miss', 'Mx', 'Prof', 'Rev'];

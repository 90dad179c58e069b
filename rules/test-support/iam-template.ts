/**
 * A small CloudFormation template for the IAM rule tests: one function, one table, and a
 * state machine whose role's statements each test supplies (as YAML lines under Statement).
 */
export function iamTemplate(statements: readonly string[], options: { definition?: readonly string[]; machineExtra?: readonly string[] } = {}): string {
  const definition = options.definition ?? [
    '        StartAt: Work',
    '        States:',
    '          Work:',
    '            Type: Task',
    '            Resource: arn:aws:states:::lambda:invoke',
    '            Parameters:',
    '              FunctionName: !GetAtt Worker.Arn',
    '            Next: Save',
    '          Save:',
    '            Type: Task',
    '            Resource: arn:aws:states:::dynamodb:putItem',
    '            Parameters:',
    '              TableName: !Ref Orders',
    '              Item:',
    '                id:',
    '                  S.$: $.id',
    '            End: true',
  ];
  return [
    'Resources:',
    '  Worker:',
    '    Type: AWS::Lambda::Function',
    '  Orders:',
    '    Type: AWS::DynamoDB::Table',
    '  FlowRole:',
    '    Type: AWS::IAM::Role',
    '    Properties:',
    '      Policies:',
    '        - PolicyName: flow',
    '          PolicyDocument:',
    '            Statement:',
    ...statements.map((line) => `              ${line}`),
    '  Flow:',
    '    Type: AWS::StepFunctions::StateMachine',
    '    Properties:',
    '      RoleArn: !GetAtt FlowRole.Arn',
    ...(options.machineExtra ?? []).map((line) => `      ${line}`),
    '      Definition:',
    ...definition,
    '',
  ].join('\n');
}

/** The statements that grant exactly what iamTemplate's default definition needs. */
export const EXACT_GRANTS: readonly string[] = [
  '- Effect: Allow',
  '  Action: lambda:InvokeFunction',
  '  Resource: !GetAtt Worker.Arn',
  '- Effect: Allow',
  '  Action: dynamodb:PutItem',
  '  Resource: !GetAtt Orders.Arn',
];
